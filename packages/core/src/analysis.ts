import { type RatioInterval, ratioInterval } from './bootstrap.ts';
import { describe, idealSpeedup, median, type Stats } from './stats.ts';
import type { Cell, Env, Impl, Mode, ResultFile, TaskKind, WorkerMemory } from './types.ts';

/** A cell with the statistics derived from its raw samples. */
export interface CellSummary {
  task: TaskKind;
  mode: Mode;
  impl: Impl;
  workers: number;
  status: Cell['status'];
  error?: string;
  total?: Stats;
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

const key = (c: { task: string; mode: string; impl: string }) => `${c.task}\u0000${c.mode}\u0000${c.impl}`;

/** The cores that bound cpu speedup: what the runtime may use. */
export const coresOf = (env: Env): number => env.availableParallelism || env.cores;

/** Statistics, speedup and efficiency for every cell of a result file. */
export function summarize(r: ResultFile): CellSummary[] {
  const base = new Map<string, Cell>();
  for (const c of r.cells) if (c.workers === 1 && c.status === 'ok') base.set(key(c), c);
  const cores = coresOf(r.env);
  return r.cells.map((c) => {
    const s: CellSummary = { task: c.task, mode: c.mode, impl: c.impl, workers: c.workers, status: c.status };
    if (c.error !== undefined) s.error = c.error;
    if (c.memory !== undefined) s.memory = c.memory;
    if (c.samples.length === 0) return s;
    s.total = describe(c.samples.map((x) => x.totalMs));
    s.spawn = describe(c.samples.map((x) => x.spawnMs));
    s.work = describe(c.samples.map((x) => x.workMs));
    s.teardown = describe(c.samples.map((x) => x.teardownMs));
    const ideal = idealSpeedup(c.task, c.workers, r.config.count, cores);
    if (ideal !== undefined) s.ideal = ideal;
    const b = base.get(key(c));
    if (b && c.status === 'ok') {
      const one = b.samples.map((x) => x.totalMs);
      const here = c.samples.map((x) => x.totalMs);
      s.speedup = median(one) / s.total.median;
      if (here.every((x) => x > 0)) s.speedupCi = ratioInterval(one, here);
      s.workSpeedup = median(b.samples.map((x) => x.workMs)) / s.work.median;
      if (ideal !== undefined) s.efficiency = s.speedup / ideal;
    }
    return s;
  });
}

/** The harness's own cost per task on one transport, against a bare round trip. */
export interface DispatchCost {
  mode: 'threads' | 'processes';
  impl: Impl;
  /** Median work time of a `noop` hub run at 1 worker, divided by its task count, µs. */
  perTaskUs: number;
  /** Median bare message round trip on the same transport, µs. */
  roundTripUs: number;
  /**
   * Median of the per-run ratios (each noop run against the round trip run just before it);
   * 1.0 means the harness adds nothing.
   */
  ratio: number;
}

/** Dispatch cost of every transport that ran `noop` at 1 worker with a round-trip yardstick. */
export function dispatchCosts(r: ResultFile): DispatchCost[] {
  const out: DispatchCost[] = [];
  for (const rt of r.roundTrips ?? []) {
    const cell = r.cells.find(
      (c) => c.task === 'noop' && c.mode === rt.mode && c.impl === rt.impl && c.workers === 1 && c.status === 'ok',
    );
    if (!cell || rt.samplesUs.length === 0) continue;
    const perTask = cell.samples.map((s) => (s.workMs * 1000) / r.config.count);
    const perTaskUs = median(perTask);
    const roundTripUs = median(rt.samplesUs);
    const ratio =
      rt.samplesUs.length === perTask.length
        ? median(perTask.map((x, i) => x / (rt.samplesUs[i] as number)))
        : perTaskUs / roundTripUs;
    out.push({ mode: rt.mode, impl: rt.impl, perTaskUs, roundTripUs, ratio });
  }
  return out;
}

/** Other processes' share of the CPU above which the figures are called into question. */
export const BUSY_SHARE = 0.1;

/** What a reader of the numbers should know about the conditions they were taken in. */
export function environmentWarnings(env: Env): string[] {
  const w: string[] = [];
  const cores = coresOf(env);
  if (env.otherCpuShare !== undefined) {
    // Measured: other processes' CPU time during the sweep, the benchmark's own excluded.
    if (env.otherCpuShare > BUSY_SHARE) {
      w.push(
        `machine was busy: other processes used ${(env.otherCpuShare * 100).toFixed(0)}% of its CPU during the sweep`,
      );
    }
  } else {
    // Only the load average to go on: it also counts this run's own work (at the end) and any
    // run just before it (at the start).
    const start = env.loadavgStart[0];
    const end = env.loadavgEnd[0];
    if (start !== undefined && start > cores)
      w.push(`machine was busy at start: load ${start.toFixed(2)} > ${cores} cores`);
    if (end !== undefined && end > cores) {
      w.push(
        `machine was busy at end: load ${end.toFixed(2)} > ${cores} cores (this includes the sweep's own workers)`,
      );
    }
  }
  if (env.vars.NODE_EXTRA_CA_CERTS !== undefined && env.runtime === 'node') {
    w.push(
      'NODE_EXTRA_CA_CERTS is set: every Node process reads it at start, which slows process workers (measured here: ~60 ms each); --worker-env clean starts them without it',
    );
  }
  if (env.vars.NODE_OPTIONS !== undefined)
    w.push(`NODE_OPTIONS is set ('${env.vars.NODE_OPTIONS}'): process workers inherit it`);
  if (env.vars.UV_THREADPOOL_SIZE !== undefined) w.push(`UV_THREADPOOL_SIZE is set to ${env.vars.UV_THREADPOOL_SIZE}`);
  return w;
}
