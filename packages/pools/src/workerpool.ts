import { type LibraryPool, workerProcessEnv } from '@tvp/core';
import * as workerpool from 'workerpool';
import { installedVersion, workerpoolScript } from './worker-file.ts';

/** workerpool's worker types this project offers, and the mode and primitive of each. */
const KINDS = {
  thread: { mode: 'threads', impl: 'workerpool', primitive: 'worker_threads' },
  process: { mode: 'processes', impl: 'workerpool-process', primitive: 'child_process' },
  web: { mode: 'threads', impl: 'workerpool-web', primitive: 'web-worker' },
} as const;

/**
 * workerpool 10 with `workerType` thread, process or web: min = max = N workers, made when the
 * pool is (workerpool has no idle timeout: a worker lives until `terminate`).
 */
export function workerpoolPool(workerType: keyof typeof KINDS): LibraryPool {
  const { mode, impl, primitive } = KINDS[workerType];
  return {
    mode,
    impl,
    primitive,
    info: {
      mode,
      impl,
      name: 'workerpool',
      version: installedVersion('workerpool'),
      options: { workerType, minWorkers: 'workers', maxWorkers: 'workers' },
    },
    start(workers, { workerEnv }) {
      const pool = workerpool.pool(workerpoolScript, {
        workerType,
        minWorkers: workers,
        maxWorkers: workers,
        ...(workerType === 'process' ? { forkOpts: { env: workerProcessEnv(workerEnv) } } : {}),
      });
      // workerpool's promises are its own thenables: each becomes a native promise here.
      const native = <T>(p: PromiseLike<T>) => new Promise<T>((resolve, reject) => p.then(resolve, reject));
      return {
        run: (task) => native(pool.exec('poolTask', [task])),
        destroy: () => native(pool.terminate()),
        kill: () => native(pool.terminate(true)),
      };
    },
  };
}
