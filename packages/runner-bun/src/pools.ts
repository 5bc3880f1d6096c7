import type { LibraryPool } from '@tvp/core';
import { offeredPools, workerpoolPool } from '@tvp/pools';

// Seen on Bun 1.4.5: Bun defines `self`, `postMessage` and `addEventListener` in every thread and
// process, so workerpool's worker script takes itself for a browser Web Worker and answers on the
// global `postMessage`, which reaches nobody in a worker_threads thread or a forked process.
const WORKERPOOL_ON_BUN =
  "workerpool 10.0.3's worker script sees Bun's global self/postMessage/addEventListener, takes itself for a " +
  "browser Web Worker and answers on the wrong channel: the pool never hears 'ready' and every task hangs " +
  '(use workerpool-web, its Web Worker type, on Bun)';

/** The pool libraries on Bun: the Node ones, workerpool's Web Worker type, and the refusals seen here. */
export const bunPools: LibraryPool[] = [
  ...offeredPools({ workerpool: WORKERPOOL_ON_BUN, 'workerpool-process': WORKERPOOL_ON_BUN }),
  workerpoolPool('web'),
];
