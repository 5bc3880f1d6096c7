import type { Fault, PayloadWay, TaskKind } from '../format/types.ts';

/** An error as it crosses a worker boundary: prototypes do not survive, names do. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
}

/**
 * What a worker needs, beyond its task messages, to run one cell's tasks. The hub hands it over as
 * the worker starts (argv for processes, `workerData` for node threads, a first `setup` message
 * for Web Workers), and the worker prepares it (imports the module) before it says `ready`, so
 * that this cost falls in the spawn phase.
 */
export interface WorkerSetup {
  /** URL of the `--task-module` to import. */
  moduleUrl?: string;
  /** The file an `fs` task reads. */
  fsPath?: string;
  /** The loopback server a `net` task asks. */
  netUrl?: string;
}

/**
 * Hub to worker. A task carries only what its kind reads (`taskFields`): a `cpu` task its
 * `cpuIters`, an `io` task its `ioMs`, a `module` task its `arg`, as a pool's input would (copying
 * it is part of the work), a `payload` task its `payload` the `way` it names.
 */
export type HubMessage =
  | {
      t: 'task';
      id: number;
      kind: TaskKind;
      /** An io task's sleep; sent with io tasks only. */
      ioMs?: number;
      /** A cpu task's rounds; sent with cpu tasks only. */
      cpuIters?: number;
      arg?: unknown;
      fault?: Fault;
      way?: PayloadWay;
      payload?: unknown;
      /** `--arg-transfer`: a module's arg moved (`transfer`) or shared, and its typed array's name. */
      argWay?: 'transfer' | 'shared';
      argType?: string;
    }
  | { t: 'ping'; id: number }
  | { t: 'exit' };

/** Worker to hub. */
export type WorkerMessage =
  | { t: 'ready'; rssBytes: number }
  /** `startedAt`, `doneAt`: when the task started and ended, on the worker's clock (`workerNow`, see worker-clock.ts). */
  | { t: 'done'; id: number; value: unknown; startedAt?: number; doneAt?: number; payload?: unknown }
  /** `id` -1: the worker could not prepare its setup, so it will never be ready. */
  | { t: 'fail'; id: number; error: WireError }
  | { t: 'pong'; id: number };

/** Turn anything thrown into a `WireError`. */
export function toWireError(err: unknown): WireError {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  }
  return { name: 'Error', message: String(err) };
}
