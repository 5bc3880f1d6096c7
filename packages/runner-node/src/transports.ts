import { childProcessTransport, workerThreadsTransport } from '@tvp/core';

/** `threads` on node:worker_threads, with core's bundled worker entry. */
export const workerThreads = workerThreadsTransport();
/** `processes` on node:child_process.fork, JSON over the IPC channel, with core's bundled worker entry. */
export const childProcess = childProcessTransport();
