import type { LibraryPool } from '@tvp/core';
import { Piscina } from 'piscina';
import { IDLE_TIMEOUT_MS, poolWorkerFile } from './worker-file.ts';

/** How a piscina worker waits for its next task (piscina's own option; `sync` is its default). */
export type PiscinaAtomics = 'sync' | 'async' | 'disabled';

/**
 * `threads` on piscina 5: min = max = N threads, one task at a time per thread. Its default
 * minThreads is half the cores, the rest made on demand: min = N makes all N in the constructor,
 * and the spawn phase still waits until N distinct threads have answered, since a thread takes
 * tasks only once loaded.
 */
export function piscinaPool(atomics: PiscinaAtomics = 'sync'): LibraryPool {
  const impl = atomics === 'sync' ? 'piscina' : `piscina-atomics-${atomics}`;
  return {
    mode: 'threads',
    impl,
    primitive: 'worker_threads',
    info: {
      mode: 'threads',
      impl,
      name: 'piscina',
      version: Piscina.version,
      options: {
        minThreads: 'workers',
        maxThreads: 'workers',
        idleTimeout: IDLE_TIMEOUT_MS,
        concurrentTasksPerWorker: 1,
        atomics,
      },
    },
    start(workers) {
      const pool = new Piscina({
        filename: poolWorkerFile,
        name: 'poolTask',
        minThreads: workers,
        maxThreads: workers,
        idleTimeout: IDLE_TIMEOUT_MS,
        concurrentTasksPerWorker: 1,
        atomics,
      });
      // A thread that dies fails its task, which the hub reports; the pool's own error event
      // must not end the process meanwhile.
      pool.on('error', () => {});
      return {
        run: (task) => pool.run(task),
        destroy: () => pool.destroy(),
        kill: () => pool.destroy(),
      };
    },
  };
}
