/** Anything with a Web postMessage: a Web Worker, or a worker's own global scope. */
export interface PostTarget {
  postMessage(msg: unknown): void;
  postMessage(msg: unknown, transfer: ArrayBuffer[]): void;
}

/**
 * Post `msg` on a Web Worker channel, moving `transfer`'s buffers with it. The list goes only when
 * it holds something: on Deno 2.9.6 a thread's first postMessage given any second argument (an
 * empty list, `{}`, even `undefined`) took 1.6-6.5 ms against 0.3 ms without one, measured inside a
 * fresh Web Worker; posting `ready` with an empty list made Deno's Web Worker start 1.1-1.2x
 * slower than a minimal worker (packages/runner-deno bench:start).
 */
export function postTransfer(target: PostTarget, msg: unknown, transfer?: ArrayBuffer[]): void {
  if (transfer === undefined || transfer.length === 0) target.postMessage(msg);
  else target.postMessage(msg, transfer);
}
