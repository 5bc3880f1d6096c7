import type { LibraryPool } from '@tvp/core';
import { piscinaPool } from './piscina.ts';
import { poolifierPool } from './poolifier.ts';
import { tinypoolPool } from './tinypool.ts';
import { workerpoolPool } from './workerpool.ts';

/** The library pools a runner offers through `--impl`, with its own refusals by impl. */
export function offeredPools(unsupported: Readonly<Record<string, string>> = {}): LibraryPool[] {
  const pools = [
    piscinaPool(),
    tinypoolPool('worker_threads'),
    workerpoolPool('thread'),
    poolifierPool('thread'),
    tinypoolPool('child_process'),
    workerpoolPool('process'),
    poolifierPool('cluster'),
  ];
  return pools.map((p) => (unsupported[p.impl] === undefined ? p : { ...p, unsupported: unsupported[p.impl] }));
}
