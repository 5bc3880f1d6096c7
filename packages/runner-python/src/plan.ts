import {
  type Impl,
  type PlannedCell,
  planCells,
  type RunConfig,
  type Transport,
  type WorkerMode,
  warmRunsOf,
} from '@tvp/core';
import { ASYNC_IMPL } from './impls.ts';

/** A cell as the Python program takes it. */
export interface PythonCell {
  task: PlannedCell['task'];
  mode: PlannedCell['mode'];
  impl: Impl;
  workers: number;
  /** Measure the round-trip yardstick before each run (noop at 1 worker on a cold pool). */
  roundTrip: boolean;
  /** A warm cell (`--pool warm`): one executor for all its runs, the first max(1, warmup) thrown away. */
  warm: boolean;
}

/** A transport that only names a pool: its workers are started by Python, never by core. */
const named = (mode: WorkerMode, impl: Impl): Transport => ({
  mode,
  impl,
  start() {
    throw new Error(`${impl} workers are started by the Python program`);
  },
});

/** The cells in core's order (task, then worker count, then mode), with Python's impl names. */
export function planPython(config: RunConfig, impls: Record<WorkerMode, readonly Impl[]>): PythonCell[] {
  const transports = [
    ...impls.threads.map((i) => named('threads', i)),
    ...impls.processes.map((i) => named('processes', i)),
  ];
  return planCells(config, transports).map((c) => ({
    task: c.task,
    mode: c.mode,
    impl: c.mode === 'async' ? ASYNC_IMPL : c.impl,
    workers: c.workers,
    roundTrip: c.task === 'noop' && c.workers === 1 && c.transport !== undefined && !c.warm,
    warm: c.warm === true,
  }));
}

/** Runs of a cell: a warm one throws away at least one batch (core's `warmRunsOf`). */
export function runsOf(c: PythonCell, config: Pick<RunConfig, 'warmup' | 'repeat'>): number {
  return (c.warm ? warmRunsOf(config as RunConfig) : config.warmup) + config.repeat;
}

/** A rough cost of one run of a cell, ms, only to weigh cells for the time left. */
export function runWeight(c: PythonCell, count: number, taskMs: number, cores: number): number {
  // The GIL lets one thread compute at a time; only processes spread cpu work over the cores.
  const lanes =
    c.mode === 'sequential' ? 1 : c.task === 'io' ? c.workers : c.mode === 'processes' ? Math.min(c.workers, cores) : 1;
  // Measured here: a spawn or forkserver worker starts in about 80 ms, a fork in a few, a thread in well under 1.
  const start = c.mode === 'processes' ? (c.impl.endsWith('-fork') ? 5 : 80) * c.workers : c.mode === 'threads' ? 1 : 0;
  // A warm cell starts its workers once: about nothing per run.
  return (c.warm ? 0 : start) + Math.ceil(count / lanes) * (taskMs + 0.1) + (c.roundTrip ? count * 0.2 : 0);
}
