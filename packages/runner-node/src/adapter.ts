import type { RuntimeAdapter } from '@tvp/core';
import { childProcess, workerThreads } from './transports.ts';

/** Everything core needs from Node: who it is and how to start workers. */
export const nodeAdapter: RuntimeAdapter = {
  runtime: 'node',
  runtimeVersion: process.versions.node,
  transports: [workerThreads, childProcess],
  defaultImpls: ['worker_threads', 'child_process'],
};
