import type { RunView } from '../payload.ts';
import { at, tasksOf } from './cells.ts';
import { pairLines } from './compare.ts';
import type { Finding } from './finding.ts';
import { fmtMs, fmtX, runtimeName, taskName } from './format.ts';
import { beyondNoise } from './noise.ts';

const impl = (x: string) => (x === 'main' ? '' : ` (${x})`);

/**
 * Runtime against runtime on one machine: for each mode, the time at the largest worker count both
 * runs measured, and for each pool the start of one worker. "Faster" only beyond the noise.
 */
export function runtimeFindings(base: RunView, other: RunView): Finding[] {
  const B = runtimeName(base.result.env.runtime);
  const O = runtimeName(other.result.env.runtime);
  const out: Finding[] = [];
  const shared = tasksOf(other).filter((t) => tasksOf(base).includes(t));
  for (const task of shared) {
    for (const pair of pairLines(base, other, task)) {
      const p = pair.points[pair.points.length - 1]!;
      const mode = pair.other.mode;
      const who =
        mode === 'sequential'
          ? `${taskName(task)} sequential`
          : mode === 'async'
            ? `${taskName(task)} async, ${p.workers} in flight`
            : `${taskName(task)} on ${mode} at ${p.workers} worker${p.workers === 1 ? '' : 's'}`;
      const numbers = `median total: ${O}${impl(pair.other.impl)} ${fmtMs(p.other.total.median)} ms, ${B}${impl(pair.base.impl)} ${fmtMs(p.base.total.median)} ms (${p.other.total.n} and ${p.base.total.n} samples)`;
      if (p.other.total.n < 2 || p.base.total.n < 2) continue;
      const text = !p.beyond
        ? `${who}: ${O} and ${B} equal within the noise`
        : p.ratio < 1
          ? `${who}: ${O} ${fmtX(1 / p.ratio)} faster than ${B}`
          : `${who}: ${O} ${fmtX(p.ratio)} slower than ${B}`;
      out.push({
        topic: 'runtime',
        text,
        basis: `${numbers}; 95% confidence intervals ${p.beyond ? 'do not overlap' : 'overlap'}`,
      });
    }
  }
  const first = shared[0];
  if (first) {
    for (const pair of pairLines(base, other, first)) {
      if (pair.other.mode !== 'threads' && pair.other.mode !== 'processes') continue;
      const o = at(pair.other, 1)?.spawn;
      const b = at(pair.base, 1)?.spawn;
      if (!o || !b || !beyondNoise(o, b)) continue;
      const r = o.median / b.median;
      const mode = pair.other.mode === 'threads' ? 'threads start' : 'processes start';
      out.push({
        topic: 'runtime',
        text: `${O} ${mode} ${fmtX(r < 1 ? 1 / r : r)} ${r < 1 ? 'faster' : 'slower'} than ${B}'s`,
        basis: `spawn of one worker, medians: ${O}${impl(pair.other.impl)} ${fmtMs(o.median)} ms, ${B}${impl(pair.base.impl)} ${fmtMs(b.median)} ms; 95% confidence intervals do not overlap`,
      });
    }
  }
  return out;
}
