import type { CellSummary, Stats } from '@tvp/core/analysis';

// 0.1 µs on millisecond figures, 1e-4 on ratios: far below anything a timer here resolves, and it
// halves the JSON of a summary (a double prints up to 17 digits).
const DECIMALS = 1e4;
const r = (x: number) => Math.round(x * DECIMALS) / DECIMALS;

function roundStats(s: Stats): Stats {
  return {
    n: s.n,
    mean: r(s.mean),
    median: r(s.median),
    sd: r(s.sd),
    min: r(s.min),
    max: r(s.max),
    ci95: [r(s.ci95[0]), r(s.ci95[1])],
    medianCi: { lo: r(s.medianCi.lo), hi: r(s.medianCi.hi), coverage: r(s.medianCi.coverage) },
  };
}

/** core's cell summary with every figure rounded to 4 decimals, for JSON that is half the size. */
export function roundSummary(c: CellSummary): CellSummary {
  const out: CellSummary = { ...c };
  for (const k of ['total', 'spawn', 'work', 'teardown'] as const) {
    const s = c[k];
    if (s) out[k] = roundStats(s);
  }
  for (const k of ['speedup', 'workSpeedup', 'ideal', 'efficiency'] as const) {
    const v = c[k];
    if (v !== undefined) out[k] = r(v);
  }
  if (c.speedupCi)
    out.speedupCi = { ...c.speedupCi, lo: r(c.speedupCi.lo), hi: r(c.speedupCi.hi), estimate: r(c.speedupCi.estimate) };
  return out;
}
