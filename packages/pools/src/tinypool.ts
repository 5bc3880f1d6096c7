import { type LibraryPool, workerProcessEnv } from '@tvp/core';
import { Tinypool } from 'tinypool';
import { envRecord, IDLE_TIMEOUT_MS, poolWorkerFile } from './worker-file.ts';

/** tinypool's two runtimes, and the mode each gives. */
const MODES = { worker_threads: 'threads', child_process: 'processes' } as const;

/**
 * tinypool 2 on worker threads (`threads`) or forked processes (`processes`): min = max = N
 * workers, one task at a time each, workers reused across tasks (`isolateWorkers: false`).
 */
export function tinypoolPool(runtime: keyof typeof MODES): LibraryPool {
  const mode = MODES[runtime];
  const impl = runtime === 'worker_threads' ? 'tinypool' : 'tinypool-process';
  return {
    mode,
    impl,
    primitive: runtime,
    info: {
      mode,
      impl,
      name: 'tinypool',
      version: Tinypool.version,
      options: {
        runtime,
        minThreads: 'workers',
        maxThreads: 'workers',
        idleTimeout: IDLE_TIMEOUT_MS,
        concurrentTasksPerWorker: 1,
        isolateWorkers: false,
      },
    },
    start(workers, { workerEnv }) {
      const pool = new Tinypool({
        filename: poolWorkerFile,
        name: 'poolTask',
        runtime,
        minThreads: workers,
        maxThreads: workers,
        idleTimeout: IDLE_TIMEOUT_MS,
        concurrentTasksPerWorker: 1,
        isolateWorkers: false,
        ...(runtime === 'child_process' ? { env: envRecord(workerProcessEnv(workerEnv)) } : {}),
      });
      pool.on('error', () => {});
      return {
        run: (task) => pool.run(task),
        destroy: () => pool.destroy(),
        kill: () => pool.destroy(),
      };
    },
  };
}
