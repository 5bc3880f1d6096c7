import { childProcessTransport, workerThreadsTransport } from '@tvp/core';
import { bunSpawn } from './bun-spawn.ts';
import { webWorker } from './web-worker.ts';

// Bun loads the TypeScript entry files directly: nothing to build.
/** `threads` on node:worker_threads, as Bun implements it. */
export const workerThreads = workerThreadsTransport(new URL('./worker-thread.ts', import.meta.url));
/** `processes` on node:child_process.fork, as Bun implements it. */
export const childProcess = childProcessTransport(new URL('./worker-process.ts', import.meta.url));

export { bunSpawn, webWorker };
