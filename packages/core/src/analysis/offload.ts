import type { Cell, Impl, ResultFile, TaskBound, TaskKind, WorkerMode } from '../format/types.ts';
import { coldOnly } from './pools.ts';
import { boundOf, median } from './stats.ts';
import { coresOf } from './summarize.ts';
import { workerCosts } from './worker-cost.ts';

/**
 * What moving a task to workers costs and what it would take to pay, from one run's own figures,
 * for a task whose best option runs on the main thread. The projection is a model: `cores`
 * workers share the calls, CPU work runs on min(workers, cores) cores at once, and each worker
 * pays its start and stop once.
 */
export interface OffloadCost {
  /** The worker option the figures are of: the task's fastest worker option by median total. */
  mode: WorkerMode;
  impl: Impl;
  bound: TaskBound;
  /** Calls of one hub run (the run's `count`). */
  calls: number;
  cores: number;
  /** Time per call on the main thread one at a time (sequential, else async at 1 in flight): work time / calls, ms. */
  mainMsPerCall: number;
  /** The winner's median total / calls: what a call costs the main thread as it won, ms. */
  wonMsPerCall: number;
  /**
   * Work time per call at 1 worker minus `mainMsPerCall`: moving the argument and answer, and
   * dispatch, ms. Never below the same transport's dispatch alone (`noop`, else a bare round
   * trip), which is part of it: a difference lost in noise falls back to that floor, else 0.
   */
  overheadMsPerCall: number;
  /** The same transport's `noop` work time per task at 1 worker, ms: dispatch alone, without the argument. */
  dispatchMsPerCall?: number;
  /** The same transport's bare message round trip, median, ms. */
  roundTripMs?: number;
  /** Starting and stopping one worker, ms. */
  startMsPerWorker: number;
  /** `fit`: slopes of the spawn and teardown lines (worker-cost); `cell`: the 1-worker cell's median spawn + teardown. */
  startBasis: 'fit' | 'cell';
  /**
   * Calls per worker from which `cores` workers beat the main thread at this run's work per call;
   * absent when no count does (the per-call overhead eats the parallel gain) or the task waits.
   */
  callsPerWorkerToPay?: number;
  /** CPU work per call from which `cores` workers beat the main thread at this run's calls; absent on 1 core. */
  workMsPerCallToPay?: number;
  /** The worker option at `cores` workers as measured: median total / calls, and as the model expects it, ms. */
  atCores?: { workers: number; measuredMsPerCall: number; modelMsPerCall: number };
}

const isWorker = (c: Cell): c is Cell & { mode: WorkerMode } => c.mode === 'threads' || c.mode === 'processes';
const ok = (c: Cell) => c.status === 'ok' && c.samples.length > 0;
const medianOf = (c: Cell, f: (s: Cell['samples'][number]) => number) => median(c.samples.map(f));

/**
 * Start and stop of one worker: the fitted per-worker slopes when they are positive, else the
 * 1-worker cell's spawn + teardown. Under the article clock there are no fitted lines (spawn is
 * not the start of N workers), but at 1 worker its spawn is that worker's start and its work is
 * the work alone, so the 1-worker figures hold on either clock.
 */
function startCost(r: ResultFile, one: Cell): { ms: number; basis: OffloadCost['startBasis'] } {
  const cost = workerCosts(r).find((w) => w.mode === one.mode && w.impl === one.impl);
  if (cost?.spawn.ok && cost.teardown.ok) {
    const ms = cost.spawn.slope.value + Math.max(0, cost.teardown.slope.value);
    if (ms > 0) return { ms, basis: 'fit' };
  }
  return { ms: medianOf(one, (s) => s.spawnMs + s.teardownMs), basis: 'cell' };
}

/**
 * The cost of offloading `task` and what would make it pay, when its winner `won` (median total,
 * ms) ran on the main thread; undefined when the run lacks a main-thread cell at 1, a worker cell
 * at 1, or a positive main-thread time per call.
 */
export function offloadCost(run: ResultFile, task: TaskKind, wonMedianTotalMs: number): OffloadCost | undefined {
  const r = coldOnly(run);
  const calls = r.config.count;
  const cells = r.cells.filter((c) => c.task === task && ok(c));
  const main =
    cells.find((c) => c.mode === 'sequential' && c.workers === 1) ??
    cells.find((c) => c.mode === 'async' && c.workers === 1);
  if (main === undefined || !(calls > 0)) return undefined;
  const mainMsPerCall = medianOf(main, (s) => s.workMs) / calls;
  if (!(mainMsPerCall > 0)) return undefined;
  // The fastest worker option, and its cell at 1 worker for the per-call overhead.
  const workerCells = cells.filter(isWorker);
  const fastest = [...workerCells].sort((a, b) => medianOf(a, (s) => s.totalMs) - medianOf(b, (s) => s.totalMs))[0];
  const one = workerCells.find((c) => c.mode === fastest?.mode && c.impl === fastest.impl && c.workers === 1);
  if (fastest === undefined || one === undefined) return undefined;
  const bound = boundOf(task, r.config.taskModule?.bound) ?? 'cpu';
  const cores = coresOf(r.env);
  const noop = r.cells.find(
    (c) => c.task === 'noop' && c.mode === one.mode && c.impl === one.impl && c.workers === 1 && ok(c),
  );
  const dispatchMsPerCall = noop === undefined ? undefined : medianOf(noop, (s) => s.workMs) / calls;
  const rt = r.roundTrips?.find((t) => t.mode === one.mode && t.impl === one.impl && t.samplesUs.length > 0);
  const roundTripMs = rt === undefined ? undefined : median(rt.samplesUs) / 1000;
  const floor = dispatchMsPerCall ?? roundTripMs ?? 0;
  const overheadMsPerCall = Math.max(floor, medianOf(one, (s) => s.workMs) / calls - mainMsPerCall);
  const start = startCost(r, one);
  const out: OffloadCost = {
    mode: fastest.mode,
    impl: fastest.impl,
    bound,
    calls,
    cores,
    mainMsPerCall,
    wonMsPerCall: wonMedianTotalMs / calls,
    overheadMsPerCall,
    startMsPerWorker: start.ms,
    startBasis: start.basis,
  };
  if (dispatchMsPerCall !== undefined) out.dispatchMsPerCall = dispatchMsPerCall;
  if (roundTripMs !== undefined) out.roundTripMs = roundTripMs;
  // The model, at `cores` workers on `cores` cores: main = calls * won; workers = cores * start
  // + calls * (work + overhead) / cores. Workers pay from calls per worker > start / (won - (work
  // + overhead) / cores). For a given count, with the work per call W' in place of this run's W and
  // the main thread's time moving with it (cpu: won + W' - W), from W' > (cores * cores * start /
  // calls + overhead - cores * (won - W)) / (cores - 1). Both thresholds come from the one
  // inequality, so they agree: a run past one is past the other. (Taking the main thread's time as
  // W alone, as this once did, named a work per call this run already had while the calls said it
  // fell short, whenever the winner beat one-at-a-time by noise.)
  const P = cores;
  if (P > 1) {
    const wonBeyondWork = bound === 'cpu' ? out.wonMsPerCall - mainMsPerCall : 0;
    out.workMsPerCallToPay = Math.max(
      0,
      ((P * P * start.ms) / calls + overheadMsPerCall - P * wonBeyondWork) / (P - 1),
    );
    const gain = out.wonMsPerCall - (mainMsPerCall + overheadMsPerCall) / P;
    if (bound === 'cpu' && gain > 0) out.callsPerWorkerToPay = start.ms / gain;
  }
  const atCores = workerCells.find((c) => c.mode === one.mode && c.impl === one.impl && c.workers === cores);
  if (atCores !== undefined) {
    out.atCores = {
      workers: cores,
      measuredMsPerCall: medianOf(atCores, (s) => s.totalMs) / calls,
      modelMsPerCall: (P * start.ms) / calls + (mainMsPerCall + overheadMsPerCall) / P,
    };
  }
  return out;
}
