import type { Cell, Impl, Mode, PayloadWay, ResultFile, TaskKind, WarmStart } from '../format/types.ts';
import { hasPhases } from './clock.ts';
import { fmtMs, fmtX, fmtXRange } from './numbers.ts';
import { isWarm } from './pools.ts';
import { type Judged, judge } from './ratio.ts';
import { median } from './stats.ts';

/**
 * A warm cell beside its cold neighbour (same task, mode, impl, workers, way and size), on work
 * time: what a batch costs on a pool that stays up against one on fresh workers, whose work still
 * pays each worker's first compiles. Both sides are one run's samples.
 */
export interface WarmPair {
  task: TaskKind;
  mode: Mode;
  impl: Impl;
  workers: number;
  way?: PayloadWay;
  payloadBytes?: number;
  /** Median work time of a batch, ms: on the warm pool, and on fresh workers. */
  warmWorkMs: number;
  coldWorkMs: number;
  /** median(warm work) / median(cold work), 95% exact bootstrap; absent with fewer than 2 samples a side. */
  ratio?: Judged;
  /** The warm cell's one spawn and teardown. */
  warmStart?: WarmStart;
}

const same = (a: Cell, b: Cell) =>
  a.task === b.task &&
  a.mode === b.mode &&
  a.impl === b.impl &&
  a.workers === b.workers &&
  a.way === b.way &&
  a.payloadBytes === b.payloadBytes;

/**
 * Every ok warm cell with an ok cold neighbour, in the file's order. Only under the phases clock:
 * the article clock's cold work overlaps the workers' start, so it is not the same quantity.
 */
export function warmPairs(r: ResultFile): WarmPair[] {
  if (!hasPhases(r)) return [];
  const out: WarmPair[] = [];
  for (const w of r.cells) {
    if (!isWarm(w) || w.status !== 'ok' || w.samples.length === 0) continue;
    const c = r.cells.find((x) => !isWarm(x) && x.status === 'ok' && x.samples.length > 0 && same(x, w));
    if (!c) continue;
    const warm = w.samples.map((s) => s.workMs);
    const cold = c.samples.map((s) => s.workMs);
    const ratio = judge(warm, cold);
    out.push({
      task: w.task,
      mode: w.mode,
      impl: w.impl,
      workers: w.workers,
      ...(w.way ? { way: w.way } : {}),
      ...(w.payloadBytes !== undefined ? { payloadBytes: w.payloadBytes } : {}),
      warmWorkMs: median(warm),
      coldWorkMs: median(cold),
      ...(ratio ? { ratio } : {}),
      ...(w.warmStart ? { warmStart: w.warmStart } : {}),
    });
  }
  return out;
}

/**
 * "threads/worker_threads x4: warm pool work 14.5 ms vs cold 36.0 ms (0.40x, 95% interval
 * 0.38–0.42x, n = 5 and 5)": a pair in words, the ratio as warm / cold.
 */
export function warmPairLine(p: WarmPair): string {
  const who = `${p.mode}/${p.impl} x${p.workers}${p.way ? ` ${p.way}` : ''}`;
  const head = `${who}: warm pool work ${fmtMs(p.warmWorkMs)} ms vs cold ${fmtMs(p.coldWorkMs)} ms`;
  if (!p.ratio) return `${head} (${fmtX(p.warmWorkMs / p.coldWorkMs)}; too few runs for an interval)`;
  const iv = p.ratio.interval;
  const said =
    p.ratio.verdict === 'unresolved'
      ? ', no difference shown'
      : p.ratio.verdict === 'equal'
        ? ', equal within ±5%'
        : '';
  return `${head} (${fmtX(iv.estimate)}, 95% interval ${fmtXRange(iv.lo, iv.hi)}, n = ${iv.n[0]} and ${iv.n[1]}${said})`;
}
