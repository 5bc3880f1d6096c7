import type { Fault, TaskKind } from '../format/types.ts';

/** An error as it crosses a worker boundary: prototypes do not survive, names do. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
}

/** Hub to worker. */
export type HubMessage =
  | { t: 'task'; id: number; kind: TaskKind; ioMs: number; cpuIters: number; fault?: Fault }
  | { t: 'ping'; id: number }
  | { t: 'exit' };

/** Worker to hub. */
export type WorkerMessage =
  | { t: 'ready'; rssBytes: number }
  | { t: 'done'; id: number; value: number }
  | { t: 'fail'; id: number; error: WireError }
  | { t: 'pong'; id: number };

/** Turn anything thrown into a `WireError`. */
export function toWireError(err: unknown): WireError {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  }
  return { name: 'Error', message: String(err) };
}
