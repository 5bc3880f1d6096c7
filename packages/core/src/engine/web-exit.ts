/**
 * What a Web Worker posts as it ends, on a runtime whose Worker tells its host nothing when the
 * worker ends (Deno: no `close` or `exit` event). The host's transport turns it into the worker's
 * exit; the hub never sees it.
 */
export interface WebWorkerExit {
  t: 'exited';
  code: number;
}

/** True for the message a Web Worker posts as it ends. */
export const isWebWorkerExit = (msg: unknown): msg is WebWorkerExit =>
  typeof msg === 'object' && msg !== null && (msg as { t?: unknown }).t === 'exited';
