import type { TaskKind } from '@tvp/core';
import type { RunView } from '../payload.ts';
import { type Line, linesOf, type OkCell } from './cells.ts';
import { beyondNoise } from './noise.ts';

/** One worker count of two runtimes side by side. */
export interface RatioPoint {
  workers: number;
  /** other's median total time / base's: below 1, `other` is faster. */
  ratio: number;
  /** The 95% confidence intervals of the two totals do not overlap. */
  beyond: boolean;
  base: OkCell;
  other: OkCell;
}

/** The same mode measured by two runs (two runtimes), at every worker count both have. */
export interface LinePair {
  base: Line;
  other: Line;
  points: RatioPoint[];
}

/**
 * Pair every line of `other` with `base`'s line of the same mode, the same impl when base has it
 * (Bun's node:worker_threads against Node's), else base's first impl of that mode.
 */
export function pairLines(base: RunView, other: RunView, task: TaskKind): LinePair[] {
  const baseLines = linesOf(base, task);
  return linesOf(other, task).flatMap((o) => {
    const b = baseLines.find((l) => l.mode === o.mode && l.impl === o.impl) ?? baseLines.find((l) => l.mode === o.mode);
    if (!b) return [];
    const points = o.cells.flatMap((oc) => {
      const bc = b.cells.find((c) => c.workers === oc.workers);
      if (!bc) return [];
      return [
        {
          workers: oc.workers,
          ratio: oc.total.median / bc.total.median,
          beyond: beyondNoise(oc.total, bc.total),
          base: bc,
          other: oc,
        },
      ];
    });
    return points.length > 0 ? [{ base: b, other: o, points }] : [];
  });
}
