import { childProcessTransport, workerThreadsTransport } from '@tvp/core';
import { denoCommand } from './deno-command.ts';
import { webWorker } from './web-worker.ts';

/** `threads` on node:worker_threads, as Deno implements it, with core's bundled worker entry. */
export const workerThreads = workerThreadsTransport();
/** `processes` on node:child_process.fork, as Deno implements it (needs --allow-run --allow-env). */
export const childProcess = childProcessTransport();

export { denoCommand, webWorker };
