import { childProcessTransport, workerThreadsTransport } from '@tvp/core';
import { bunSpawn } from './bun-spawn.ts';
import { webWorker } from './web-worker.ts';
import { bunWorkerEntry } from './worker-entries.ts';

/** `threads` on node:worker_threads, as Bun implements it, with core's bundled worker entry. */
export const workerThreads = workerThreadsTransport();
/** `processes` on node:child_process.fork, as Bun implements it, with core's process entry compiled to Bun bytecode. */
export const childProcess = childProcessTransport(bunWorkerEntry('process'));

export { bunSpawn, webWorker };
