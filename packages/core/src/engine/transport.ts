import type { Impl, PayloadWay, WorkerEnv, WorkerMode } from '../format/types.ts';
import type { LibraryPool } from './library-pool.ts';
import type { HubMessage, WorkerMessage, WorkerSetup } from './protocol.ts';

/** How a worker ended: an exit code, a signal name, or neither when the runtime does not say. */
export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

/**
 * What the hub listens to. An adapter attaches these synchronously when it starts the worker,
 * before any `await`, so that no early message is lost.
 */
export interface WorkerEvents {
  message(msg: WorkerMessage): void;
  /** The worker is gone, whatever the reason. Called at most once. */
  exit(info: ExitInfo): void;
  /** Something the worker could not report itself: failed to load, uncaught error. */
  error(err: Error): void;
}

/** One started worker, as the hub drives it. */
export interface WorkerHandle {
  /** `transfer`: ArrayBuffers to move rather than copy (thread transports; processes ignore it). */
  send(msg: HubMessage, transfer?: ArrayBuffer[]): void;
  /** Stop it now, without a goodbye (terminate a thread, SIGKILL a process). */
  kill(): void;
  /** The process id, for process workers. */
  readonly pid?: number | undefined;
}

/** The hub's choices for one start, so that one transport serves every cell (environment, setup, serialization). */
export interface StartOptions {
  workerEnv: WorkerEnv;
  /**
   * What the worker prepares before it is ready: argv for a process, `workerData` for a node
   * thread, a first `setup` message for a Web Worker (which then waits for it, so a Web Worker
   * transport always sends one, `{}` when this is absent).
   */
  setup?: WorkerSetup;
  /** How a process's IPC channel serializes (a payload way's choice); `json` when absent. */
  serialization?: 'json' | 'advanced';
}

/** The whole of a runtime adapter for one mode: how to start a worker on this runtime. */
export interface Transport {
  mode: WorkerMode;
  impl: Impl;
  start(events: WorkerEvents, options: StartOptions): WorkerHandle;
  /** The payload ways this transport carries (payload-ways.ts); none when absent. */
  ways?: readonly PayloadWay[];
  /** Why it lacks a way of its mode, where the runtime is the reason. */
  lacks?: Partial<Record<PayloadWay, string>>;
}

/** Everything a runner supplies to core: who it is, and its transports. */
export interface RuntimeAdapter {
  runtime: string;
  runtimeVersion: string;
  /** Every transport, the default ones first for each mode. */
  transports: Transport[];
  /** Impls run when `--impl` is not given. */
  defaultImpls: Impl[];
  /** Worker-pool libraries offered as impls; run only when `--impl` names them. */
  pools?: LibraryPool[];
}
