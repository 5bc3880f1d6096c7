import type { RuntimeAdapter } from '@tvp/core';
import { childProcess, denoCommand, webWorker, workerThreads } from './transports.ts';

/** Everything core needs from Deno: who it is and how to start workers, the defaults first. */
export const denoAdapter: RuntimeAdapter = {
  runtime: 'deno',
  runtimeVersion: Deno.version.deno,
  transports: [webWorker, workerThreads, childProcess, denoCommand],
  defaultImpls: ['web-worker', 'child_process'],
};
