import type { RuntimeAdapter } from '@tvp/core';
import { offeredPools } from '@tvp/pools';
import { childProcess, workerThreads } from './transports.ts';

/** Everything core needs from Node: who it is, how to start workers, and the pool libraries it offers. */
export const nodeAdapter: RuntimeAdapter = {
  runtime: 'node',
  runtimeVersion: process.versions.node,
  transports: [workerThreads, childProcess],
  defaultImpls: ['worker_threads', 'child_process'],
  pools: offeredPools(),
};
