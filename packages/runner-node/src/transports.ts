import { childProcessTransport, workerThreadsTransport } from '@tvp/core';

// Built JavaScript beside this file: Node 20 cannot start a .ts worker.
/** `threads` on node:worker_threads. */
export const workerThreads = workerThreadsTransport(new URL('./worker-thread.js', import.meta.url));
/** `processes` on node:child_process.fork, JSON over the IPC channel. */
export const childProcess = childProcessTransport(new URL('./worker-process.js', import.meta.url));
