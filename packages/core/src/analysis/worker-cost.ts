import type { Cell, Impl, MemoryMethod, ResultFile, WorkerMode } from '../format/types.ts';
import { hasPhases } from './clock.ts';
import { fitLine, type LineFit } from './line-fit.ts';
import { coldOnly } from './pools.ts';
import { median } from './stats.ts';

/** What starting, stopping and holding one worker costs on one transport, from one run. */
export interface WorkerCost {
  mode: WorkerMode;
  impl: Impl;
  /** spawnMs = a + b N over every sample of every ok cell: a fixed (ms), b per worker (ms). */
  spawn: LineFit;
  /** teardownMs = a + b N, likewise. */
  teardown: LineFit;
  /** Memory one worker adds: the median over the ok cells that recorded it; absent when none did. */
  memory?: MemoryCost;
  /** Ok cells and samples the lines rest on. */
  cells: number;
  samples: number;
}

/** The memory part of a worker's cost, and how it was measured. */
export interface MemoryCost {
  bytesPerWorker: number;
  method: MemoryMethod;
  /** Cells the median rests on: those measured by `method`, the method most cells used. */
  cells: number;
  /**
   * True when it comes from `rssBytesPerWorker` of a file written before `memory`: a process
   * worker's RSS (shared pages counted, so `rss`) or the hub's RSS growth per thread (`rss-growth`).
   */
  legacy: boolean;
}

/** A cell's memory per worker as `memory` records it, or as an old file's `rssBytesPerWorker` did. */
function memoryOf(c: Cell): { bytesPerWorker: number; method: MemoryMethod; legacy: boolean } | undefined {
  if (c.memory !== undefined) return { ...c.memory, legacy: false };
  if (c.rssBytesPerWorker === undefined) return undefined;
  return { bytesPerWorker: c.rssBytesPerWorker, method: c.mode === 'threads' ? 'rss-growth' : 'rss', legacy: true };
}

/**
 * The median memory per worker over cells, of the method most of them used: medians of
 * different methods (a process's own pages against its whole RSS) do not mix. New records win
 * over legacy ones of the same method.
 */
function memoryCost(cells: Cell[]): MemoryCost | undefined {
  const all = cells.flatMap((c) => {
    const m = memoryOf(c);
    return m === undefined ? [] : [m];
  });
  const fresh = all.filter((m) => !m.legacy);
  const pool = fresh.length > 0 ? fresh : all;
  const byMethod = new Map<MemoryMethod, number[]>();
  for (const m of pool) byMethod.set(m.method, [...(byMethod.get(m.method) ?? []), m.bytesPerWorker]);
  const top = [...byMethod].sort((a, b) => b[1].length - a[1].length)[0];
  if (top === undefined) return undefined;
  const [method, bytes] = top;
  return { bytesPerWorker: median(bytes), method, cells: bytes.length, legacy: fresh.length === 0 };
}

const isWorkerMode = (mode: Cell['mode']): mode is WorkerMode => mode === 'threads' || mode === 'processes';

/**
 * Start-up, teardown and memory per worker for each worker mode and impl of a run. Every task's
 * cells count: the spawn and teardown phases do not depend on the task. Phases-clock runs only:
 * under the article clock spawn is not the start of N workers, and memory is not read.
 */
export function workerCosts(run: ResultFile): WorkerCost[] {
  const r = coldOnly(run);
  if (!hasPhases(r)) return [];
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
    const memory = memoryCost(cells);
    if (memory !== undefined) cost.memory = memory;
    return cost;
  });
}
