import type { Cell, Impl, ResultFile, WorkerMode } from '../format/types.ts';
import { fitLine, type LineFit } from './line-fit.ts';
import { median } from './stats.ts';

/** What starting, stopping and holding one worker costs on one transport, from one run. */
export interface WorkerCost {
  mode: WorkerMode;
  impl: Impl;
  /** spawnMs = a + b N over every sample of every ok cell: a fixed (ms), b per worker (ms). */
  spawn: LineFit;
  /** teardownMs = a + b N, likewise. */
  teardown: LineFit;
  /** Median over the ok cells that recorded it, as recorded; absent when none did. */
  rssBytesPerWorker?: { median: number; cells: number };
  /** Ok cells and samples the lines rest on. */
  cells: number;
  samples: number;
}

const isWorkerMode = (mode: Cell['mode']): mode is WorkerMode => mode === 'threads' || mode === 'processes';

/**
 * Start-up, teardown and memory per worker for each worker mode and impl of a run. Every task's
 * cells count: the spawn and teardown phases do not depend on the task.
 */
export function workerCosts(r: ResultFile): WorkerCost[] {
  const groups = new Map<string, { mode: WorkerMode; impl: Impl; cells: Cell[] }>();
  for (const c of r.cells) {
    if (!isWorkerMode(c.mode) || c.status !== 'ok' || c.samples.length === 0) continue;
    const key = `${c.mode}\u0000${c.impl}`;
    const g = groups.get(key) ?? { mode: c.mode, impl: c.impl, cells: [] };
    g.cells.push(c);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ mode, impl, cells }) => {
    const samples = cells.flatMap((c) => c.samples.map((s) => ({ workers: c.workers, ...s })));
    const xs = samples.map((s) => s.workers);
    const cost: WorkerCost = {
      mode,
      impl,
      spawn: fitLine(
        xs,
        samples.map((s) => s.spawnMs),
      ),
      teardown: fitLine(
        xs,
        samples.map((s) => s.teardownMs),
      ),
      cells: cells.length,
      samples: samples.length,
    };
    const rss = cells.flatMap((c) => (c.rssBytesPerWorker === undefined ? [] : [c.rssBytesPerWorker]));
    if (rss.length > 0) cost.rssBytesPerWorker = { median: median(rss), cells: rss.length };
    return cost;
  });
}
