import type { Fault, Impl, LibraryInfo, TaskKind, WorkerEnv, WorkerMode } from '../format/types.ts';

/**
 * What a library pool's worker runs (`poolTask` in engine/pool-task.ts): a task of the sweep, or
 * `whoami`, which holds the worker `ioMs` and answers its thread id (threads) or pid (processes),
 * so that the hub can tell when every worker is up.
 */
export interface PoolTask {
  kind: TaskKind | 'whoami';
  id: number;
  ioMs: number;
  cpuIters: number;
  fault?: Fault | undefined;
}

/** One started library pool, driven through the library's own API. */
export interface LibraryPoolHandle {
  /** Submit one task; resolves with its answer. */
  run(task: PoolTask): Promise<number>;
  /** The library's own teardown (destroy, terminate), resolved when it says its workers are gone. */
  destroy(): Promise<void>;
  /** Stop every worker now, busy or not: the library's forced teardown. */
  kill(): Promise<void>;
}

/** How a library pool starts: only the workers' environment, as the library sizes and feeds its pool itself. */
export interface LibraryStartOptions {
  workerEnv: WorkerEnv;
}

/**
 * A worker pool from a library (piscina, tinypool, workerpool) offered as an impl of a mode. It is
 * not a `Transport`: the library starts, feeds and stops its own workers, so the hub drives it
 * through `runPoolHub` instead of `runHub`.
 */
export interface LibraryPool {
  mode: WorkerMode;
  impl: Impl;
  /** The raw primitive the library builds on: its round trip is this impl's yardstick. */
  primitive: Impl;
  /** Library name, its installed version, and the options every pool is made with. */
  info: LibraryInfo;
  /** Why it cannot run on this runtime, with the error seen; the runner refuses it (exit 2). */
  unsupported?: string | undefined;
  /** Make a pool of exactly `workers` workers, all started eagerly, none stopped while idle. */
  start(workers: number, options: LibraryStartOptions): LibraryPoolHandle;
}
