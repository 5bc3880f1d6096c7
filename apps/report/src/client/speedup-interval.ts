import type { ResultFile } from '@tvp/core';
import { type Recommendation, ratioInterval } from '@tvp/core/analysis';

/** A speedup's interval: its ends, its level. */
export interface SpeedupInterval {
  lo: number;
  hi: number;
  level: number;
}

type Ok = Extract<Recommendation, { ok: true }>;

/**
 * The 95% interval of a recommendation's speedup (median total at 1 worker over median total at
 * the knee): the recommendation's own `speedupInterval` when core gives one, else core's exact
 * bootstrap of the ratio of the two medians, from the run's cells. Undefined without a baseline or
 * with fewer than 2 samples a side.
 */
export function speedupInterval(rec: Ok, run: ResultFile): SpeedupInterval | undefined {
  const given = rec.speedupInterval;
  if (given) return { lo: given.lo, hi: given.hi, level: given.level };
  const { baseline, knee } = rec.evidence;
  if (!baseline || rec.speedup === undefined) return undefined;
  const totals = (workers: number) =>
    run.cells
      .find(
        (c) =>
          c.task === rec.task &&
          c.mode === rec.mode &&
          c.impl === rec.impl &&
          c.workers === workers &&
          c.status === 'ok',
      )
      ?.samples.map((s) => s.totalMs) ?? [];
  const a = totals(baseline.workers);
  const b = totals(knee.workers);
  if (a.length < 2 || b.length < 2) return undefined;
  const iv = ratioInterval(a, b);
  return { lo: iv.lo, hi: iv.hi, level: iv.level };
}
