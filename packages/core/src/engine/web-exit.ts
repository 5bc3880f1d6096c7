/**
 * What a worker sends as the last thing before it ends; the host's transport takes it, the hub
 * never sees it. A Web Worker sends it on a runtime whose Worker tells its host nothing when the
 * worker ends (Deno: no `close` or `exit` event), and the transport turns it into the worker's
 * exit. A process worker sends it as it leaves: its send callback says that every earlier message
 * has gone out, so the channel can close (worker-channels.ts); the process's exit is the exit.
 */
export interface WorkerExit {
  t: 'exited';
  code: number;
}

/** A Web Worker's last message (see `WorkerExit`). */
export type WebWorkerExit = WorkerExit;

/** True for the message a worker sends as it ends. */
export const isWorkerExit = (msg: unknown): msg is WorkerExit =>
  typeof msg === 'object' && msg !== null && (msg as { t?: unknown }).t === 'exited';

/** True for the message a Web Worker posts as it ends. */
export const isWebWorkerExit = isWorkerExit;
