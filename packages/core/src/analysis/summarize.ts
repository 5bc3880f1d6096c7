import type { Cell, Env, Impl, Mode, ResultFile, TaskKind, WorkerMemory } from '../format/types.ts';
import { type RatioInterval, ratioInterval } from './bootstrap.ts';
import { hasPhases } from './clock.ts';
import { coldOnly } from './pools.ts';
import { describe, idealSpeedup, median, type Stats } from './stats.ts';

/** A cell with the statistics derived from its raw samples. */
export interface CellSummary {
  task: TaskKind;
  mode: Mode;
  impl: Impl;
  workers: number;
  status: Cell['status'];
  error?: string;
  total?: Stats;
  /** spawn, work and teardown: phases-clock runs only (under the article clock they overlap). */
  spawn?: Stats;
  work?: Stats;
  teardown?: Stats;
  /** Median total time at 1 worker / median total time here (same task, mode, impl). */
  speedup?: number;
  /**
   * 95% interval of `speedup`: the ratio of the medians at 1 worker and here, exact percentile
   * bootstrap over the two cells' samples (analysis of one run: drift between runs is not in it).
   */
  speedupCi?: RatioInterval;
  /** The same, on work time only: what the workers did, without starting and stopping them. */
  workSpeedup?: number;
  /** DESIGN.md's ideal speedup for this worker count. */
  ideal?: number;
  /** speedup / ideal. */
  efficiency?: number;
  /** Memory one worker adds (see `WorkerMemory` for the method). */
  memory?: WorkerMemory;
}

// A payload cell is also its way and size: cells of one impl differ by those.
const key = (c: Pick<Cell, 'task' | 'mode' | 'impl' | 'way' | 'payloadBytes'>) =>
  `${c.task}\u0000${c.mode}\u0000${c.impl}\u0000${c.way ?? ''}\u0000${c.payloadBytes ?? ''}`;

/** The cores that bound cpu speedup: what the runtime may use. */
export const coresOf = (env: Env): number => env.availableParallelism || env.cores;

/** Statistics, speedup and efficiency for every cold cell of a result file (warm cells: `warmPairs`). */
export function summarize(run: ResultFile): CellSummary[] {
  const r = coldOnly(run);
  const base = new Map<string, Cell>();
  for (const c of r.cells) if (c.workers === 1 && c.status === 'ok') base.set(key(c), c);
  const cores = coresOf(r.env);
  const phases = hasPhases(r);
  return r.cells.map((c) => {
    const s: CellSummary = { task: c.task, mode: c.mode, impl: c.impl, workers: c.workers, status: c.status };
    if (c.error !== undefined) s.error = c.error;
    if (c.memory !== undefined) s.memory = c.memory;
    if (c.samples.length === 0) return s;
    s.total = describe(c.samples.map((x) => x.totalMs));
    const work = describe(c.samples.map((x) => x.workMs));
    if (phases) {
      s.spawn = describe(c.samples.map((x) => x.spawnMs));
      s.work = work;
      s.teardown = describe(c.samples.map((x) => x.teardownMs));
    }
    const ideal = idealSpeedup(c.task, c.workers, r.config.count, cores, r.config.taskModule?.bound);
    if (ideal !== undefined) s.ideal = ideal;
    const b = base.get(key(c));
    if (b && c.status === 'ok') {
      const one = b.samples.map((x) => x.totalMs);
      const here = c.samples.map((x) => x.totalMs);
      s.speedup = median(one) / s.total.median;
      if (here.every((x) => x > 0)) s.speedupCi = ratioInterval(one, here);
      if (phases) s.workSpeedup = median(b.samples.map((x) => x.workMs)) / work.median;
      if (ideal !== undefined) s.efficiency = s.speedup / ideal;
    }
    return s;
  });
}
