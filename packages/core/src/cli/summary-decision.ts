import {
  fitText,
  MEMORY_METHODS,
  recommendationEvidence,
  recommendationText,
  workerCostText,
} from '../analysis/decision-text.ts';
import { fitScalability } from '../analysis/fit.ts';
import { runSeries } from '../analysis/fit-run.ts';
import { recommend } from '../analysis/recommend.ts';
import { BUSY_SHARE } from '../analysis/warnings.ts';
import { workerCosts } from '../analysis/worker-cost.ts';
import type { ResultFile } from '../format/types.ts';

/** What one worker costs per transport: the fitted start and teardown lines, and memory. */
export function workerCostLines(r: ResultFile): string[] {
  const costs = workerCosts(r);
  if (costs.length === 0) return [];
  const lines = [
    'what a worker costs (spawn and teardown ms = a + b N, least squares over every sample, ± one standard error; memory: median over cells):',
  ];
  for (const w of costs) {
    const t = workerCostText(w);
    lines.push(`  ${t.who}: start ${t.start}`);
    lines.push(`  ${' '.repeat(t.who.length)}  teardown ${t.teardown}`);
    lines.push(`  ${' '.repeat(t.who.length)}  memory ${t.memory}`);
  }
  if (costs.some((w) => w.memory !== undefined)) lines.push(`  (${MEMORY_METHODS})`);
  return lines;
}

/** One line per series: the USL fit of work-time throughput against workers, or why none was made. */
export function fitLines(r: ResultFile): string[] {
  const series = runSeries(r);
  if (series.length === 0) return [];
  return [
    'scalability (USL fitted to work-time throughput relative to 1 worker, ± one standard error; N* = where throughput peaks):',
    ...series.map((s) => `  ${s.task} ${s.mode}/${s.impl}: ${fitText(fitScalability('usl', s.points, s.scale))}`),
  ];
}

/** The recommendation per task, with its evidence, or why the data cannot decide. */
export function recommendationLines(r: ResultFile): string[] {
  const recs = recommend(r);
  if (recs.length === 0) return [];
  // A busy machine moves a small sweep's answer from run to run (three --quick runs of one module
  // at load 16 named threads x1, async x2 and async x1): say so where the answer is, not only above.
  const busy = r.env.otherCpuShare !== undefined && r.env.otherCpuShare > BUSY_SHARE;
  const lines = [
    busy
      ? `recommendation (by median total time, on this machine and runtime; other processes used ${(r.env.otherCpuShare! * 100).toFixed(0)}% of the CPU meanwhile, so re-run on a quiet machine before acting on it):`
      : 'recommendation (by median total time, on this machine and runtime):',
  ];
  for (const rec of recs) {
    lines.push(`  ${recommendationText(rec)}`);
    if (rec.ok) lines.push(`    ${recommendationEvidence(rec)}`);
  }
  return lines;
}
