import type { RuntimeAdapter } from '@tvp/core';
import { bunPools } from './pools.ts';
import { bunSpawn, childProcess, webWorker, workerThreads } from './transports.ts';

/** Everything core needs from Bun: who it is and how to start workers, its own primitives first. */
export const bunAdapter: RuntimeAdapter = {
  runtime: 'bun',
  runtimeVersion: Bun.version,
  transports: [webWorker, workerThreads, bunSpawn, childProcess],
  defaultImpls: ['web-worker', 'bun-spawn'],
  pools: bunPools,
};
