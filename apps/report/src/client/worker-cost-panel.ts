import { fmtEstimate, type LineFit, MEMORY_METHODS, memoryText, runtimeName, workerCosts } from '@tvp/core/analysis';
import type { RunView } from '../payload.ts';
import { h } from './dom.ts';
import { numbersTable } from './table.ts';

/** One part of a fitted line as a cell; the reason in the first cell when there is no line. */
const part = (l: LineFit, which: 'intercept' | 'slope') =>
  l.ok ? `${fmtEstimate(l[which])} ms` : which === 'intercept' ? `no line: ${l.reason}` : '';

/**
 * What a worker costs per runtime and transport: start-up and teardown as fitted lines a + b N
 * over every sample (the fixed and the per-worker part, each ± its standard error), and memory per
 * worker with how it was measured.
 */
export function workerCostPanel(runs: RunView[]): HTMLElement | null {
  const rows = runs.flatMap((run) =>
    workerCosts(run.result).map((w) => [
      `${runtimeName(run.result.env.runtime)} ${w.mode} (${w.impl})`,
      part(w.spawn, 'intercept'),
      part(w.spawn, 'slope'),
      part(w.teardown, 'intercept'),
      part(w.teardown, 'slope'),
      memoryText(w.memory),
      `${w.cells} cells, ${w.samples} samples`,
    ]),
  );
  if (rows.length === 0) return null;
  return h(
    'div',
    { class: 'worker-cost' },
    h('h3', {}, 'What a worker costs'),
    numbersTable(
      `spawn and teardown ms = a + b N, least squares over every sample of every task, ± one standard error; memory: median over cells (${MEMORY_METHODS})`,
      [
        'runtime, transport',
        'start, fixed a',
        'start per worker b',
        'teardown, fixed a',
        'teardown per worker b',
        'memory',
        'basis',
      ],
      rows,
      undefined,
      true,
    ),
  );
}
