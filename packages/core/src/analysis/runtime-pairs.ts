import type { ResultFile, TaskKind } from '../format/types.ts';
import type { AnalyzedRun } from './analyzed-run.ts';
import { comparable } from './comparability.ts';
import { type Phase, type RunGroups, runGroups, unitsOf } from './cross-run.ts';
import { type Line, linesOf, type OkCell } from './lines.ts';
import { runtimeName } from './numbers.ts';
import { type Judged, judge } from './ratio.ts';

/** One worker count of two runtimes side by side. */
export interface RatioPoint {
  workers: number;
  /** other's median total time / base's (over runs, when each side has several): below 1, `other` is faster. */
  ratio: number;
  /** Its interval and verdict; absent when a side has too few samples (or runs) to judge. */
  judged?: Judged;
  base: OkCell;
  other: OkCell;
}

/** The same mode measured by two runs (two runtimes), at every worker count both have. */
export interface LinePair {
  base: Line;
  other: Line;
  points: RatioPoint[];
}

/** Two runs compared on one task: the pairs, or why they may not be compared (core's `comparable`). */
export type Comparison = { ok: true; pairs: LinePair[]; groups: RunGroups } | { ok: false; reasons: string[] };

/** The units of one cell on both sides: samples of one run each, or per-run medians of each batch. */
export function unitsPair(
  groups: RunGroups,
  key: { task: TaskKind; mode: OkCell['mode']; workers: number },
  impls: { base: string; other: string },
  phase: Phase,
): { base: number[]; other: number[] } {
  return {
    base: unitsOf(groups.base, groups.unit, { ...key, impl: impls.base }, phase),
    other: unitsOf(groups.other, groups.unit, { ...key, impl: impls.other }, phase),
  };
}

/**
 * Compare two runs on one task, only if core says they did the same work. Every line of `other` is
 * paired with `base`'s line of the same mode, the same impl when base has it (Bun's
 * node:worker_threads against Node's), else base's first impl of that mode. `pool` holds the runs a
 * batch's other rounds are found in: when both runs have several rounds, ratios rest on them all.
 */
export function pairRuntimes(
  base: AnalyzedRun,
  other: AnalyzedRun,
  task: TaskKind,
  pool: readonly ResultFile[] = [],
): Comparison {
  const names = [runtimeName(other.result.env.runtime), runtimeName(base.result.env.runtime)] as const;
  const ok = comparable(other.result, base.result, task, names);
  if (!ok.ok) return ok;
  const groups = runGroups(base.result, other.result, pool);
  const baseLines = linesOf(base, task);
  const pairs = linesOf(other, task).flatMap((o) => {
    const b = baseLines.find((l) => l.mode === o.mode && l.impl === o.impl) ?? baseLines.find((l) => l.mode === o.mode);
    if (!b) return [];
    const points = o.cells.flatMap((oc): RatioPoint[] => {
      const bc = b.cells.find((c) => c.workers === oc.workers);
      if (!bc) return [];
      const units = unitsPair(
        groups,
        { task, mode: o.mode, workers: oc.workers },
        { base: b.impl, other: o.impl },
        'totalMs',
      );
      const judged = judge(units.other, units.base);
      const ratio = judged ? judged.interval.estimate : oc.total.median / bc.total.median;
      return [{ workers: oc.workers, ratio, ...(judged ? { judged } : {}), base: bc, other: oc }];
    });
    return points.length > 0 ? [{ base: b, other: o, points }] : [];
  });
  return { ok: true, pairs, groups };
}
