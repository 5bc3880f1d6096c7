import type { ScalabilityFit } from './fit.ts';
import type { Estimate } from './fit-stats.ts';
import type { LineFit } from './line-fit.ts';
import { fmtBytes, fmtMs } from './numbers.ts';
import type { OffloadCost } from './offload.ts';
import type { CellEvidence, Recommendation } from './recommend.ts';
import { fixed } from './recommend-words.ts';
import type { MemoryCost, WorkerCost } from './worker-cost.ts';

// The words of worker costs, fits and recommendations, shared by the terminal summary and the
// page so that both say the same thing with the same digits.

/**
 * An estimate with its standard error, both to the digits the error allows (two significant
 * digits of the error): "0.031 ± 0.0042", "1.2e-4 ± 3.0e-5" for small ones, "12 ± ∞" when unknown.
 */
export function fmtEstimate(e: Estimate): string {
  if (!Number.isFinite(e.value)) return '-';
  if (!Number.isFinite(e.se)) return `${e.value.toPrecision(2)} ± ∞`;
  const size = Math.max(Math.abs(e.value), e.se);
  if (size !== 0 && size < 1e-3) return `${e.value.toExponential(1)} ± ${e.se.toExponential(1)}`;
  if (e.se === 0) return `${Number(e.value.toPrecision(4))} ± 0`;
  // Two significant digits of the error, but never more than four of the value itself.
  const valueDigits = e.value === 0 ? 8 : Math.max(0, 3 - Math.floor(Math.log10(Math.abs(e.value))));
  const decimals = Math.min(valueDigits, Math.max(0, 1 - Math.floor(Math.log10(e.se))));
  return `${e.value.toFixed(decimals)} ± ${e.se.toFixed(decimals)}`;
}

/** "8.10 ± 0.52 ms + 3.02 ± 0.11 ms per worker", or why there is no line. */
export function lineText(l: LineFit): string {
  if (!l.ok) return `no line (${l.reason})`;
  // A negative slope (noise around a flat line) reads "- 0.21", not "+ -0.21".
  const sign = l.slope.value < 0 ? '-' : '+';
  const slope = fmtEstimate({ ...l.slope, value: Math.abs(l.slope.value) });
  return `${fmtEstimate(l.intercept)} ms ${sign} ${slope} ms per worker (R² ${l.rSquared.toFixed(2)})`;
}

/** "31.2 MiB per worker (uss, 6 cells)"; old files' values say they are the old RSS figure. */
export function memoryText(m: MemoryCost | undefined): string {
  if (m === undefined) return 'not measured';
  const old = m.legacy ? ', old file: rssBytesPerWorker' : '';
  return `${fmtBytes(m.bytesPerWorker)} per worker (${m.method}${old}, ${m.cells} ${m.cells === 1 ? 'cell' : 'cells'})`;
}

/** What memory method means, for a legend. */
export const MEMORY_METHODS =
  "uss = a process worker's own pages (smaps_rollup); rss-growth = the hub's RSS growth per thread; rss = a process worker's whole RSS, shared pages counted (an overestimate)";

/** The three parts of one transport's cost as words. */
export function workerCostText(w: WorkerCost): { who: string; start: string; teardown: string; memory: string } {
  return {
    who: `${w.mode}/${w.impl}`,
    start: lineText(w.spawn),
    teardown: lineText(w.teardown),
    memory: memoryText(w.memory),
  };
}

/** "sigma 0.031 ± 0.004, kappa 1.2e-4 ± 3.0e-5, R² 0.99, peak N* 57 (beyond the data), contention dominates", or the refusal. */
export function fitText(f: ScalabilityFit): string {
  if (!f.ok) return `no fit: ${f.reason}`;
  const peak =
    f.peak === undefined
      ? 'no peak (kappa = 0)'
      : `peak N* ${f.peak.parallelism < 10 ? f.peak.parallelism.toFixed(1) : f.peak.parallelism.toFixed(0)}${f.peak.beyondData ? ' (beyond the data)' : ''}`;
  const dominant = f.dominant === 'none' ? 'neither term costs 2%' : `${f.dominant} dominates`;
  return `sigma ${fmtEstimate(f.sigma)}, kappa ${fmtEstimate(f.kappa)}, R² ${f.rSquared.toFixed(3)}, ${peak}, ${dominant}`;
}

/** "threads/x x4: 102 ms (98–110, n = 5)". */
export const evidenceText = (c: CellEvidence): string =>
  `${c.mode}/${c.impl} x${c.workers}: ${fmtMs(c.medianTotalMs)} ms (${fmtMs(c.minTotalMs)}–${fmtMs(c.maxTotalMs)}, n = ${c.samples})`;

/** The evidence of a recommendation in one line: the winner's best cell, its knee and the runner-up. */
export function recommendationEvidence(r: Recommendation): string {
  if (!r.ok) return '';
  const { best, knee, others, spawn } = r.evidence;
  const parts = [`best ${evidenceText(best)}`];
  if (knee !== best) parts.push(`knee ${evidenceText(knee)}`);
  if (others[0] !== undefined) parts.push(`next ${evidenceText(others[0])}`);
  // At 1 worker the knee is the baseline: a speedup of 1 by definition is no evidence.
  if (r.speedup !== undefined && r.workers > 1) parts.push(`speedup ${speedupText(r)}`);
  if (spawn !== undefined)
    parts.push(
      `cheapest start ${spawn.mode}/${spawn.impl} ${fmtEstimate({ value: spawn.perWorkerMs, se: spawn.se })} ms per worker`,
    );
  const { offload } = r.evidence;
  // io and cpu word the main thread's win without these figures; the other kinds' sentences use them.
  if (offload !== undefined && r.task !== 'io' && r.task !== 'cpu') parts.push(offloadBasis(offload));
  return `median total, min–max: ${parts.join('; ')}`;
}

/** "1.87x (95% interval 1.85–1.90x, ideal 2.00x)": the speedup at the knee, digits as in the sentence, with what backs it. */
function speedupText(r: Extract<Recommendation, { ok: true }>): string {
  const extra: string[] = [];
  const iv = r.speedupInterval;
  if (iv !== undefined) extra.push(`${Math.round(iv.level * 100)}% interval ${fixed(iv.lo)}–${fixed(iv.hi)}x`);
  if (r.idealSpeedup !== undefined) extra.push(`ideal ${fixed(r.idealSpeedup)}x`);
  const x = `${fixed(r.speedup as number)}x`;
  return extra.length === 0 ? x : `${x} (${extra.join(', ')})`;
}

/** Where the offloading figures come from, and the model behind "pays from". */
function offloadBasis(o: OffloadCost): string {
  const start =
    o.startBasis === 'fit' ? 'the slopes of the spawn and teardown lines' : "the 1-worker cell's spawn + teardown";
  return `offloading figures: work per call from the main thread one at a time, the overhead from ${o.mode}/${o.impl} x1 work time against it, start and stop from ${start}; "pays" models ${o.cores} workers on ${o.cores} cores, each started once`;
}

/** A recommendation as one line: its sentence, or why none could be made. */
export const recommendationText = (r: Recommendation): string =>
  r.ok ? r.sentence : `${r.subject}: the data cannot decide: ${r.reason}`;
