import { type LibraryPool, workerProcessEnv } from '@tvp/core';
import { FixedClusterPool, FixedThreadPool, WorkerChoiceStrategies } from 'poolifier';
import { IDLE_TIMEOUT_MS, installedVersion, poolifierScripts } from './worker-file.ts';

/** poolifier's two fixed pools, and the mode, impl and primitive of each. */
const KINDS = {
  thread: { mode: 'threads', impl: 'poolifier', primitive: 'worker_threads' },
  cluster: { mode: 'processes', impl: 'poolifier-cluster', primitive: 'child_process' },
} as const;

/**
 * The options both pools are made with. A fixed pool makes its N workers in the constructor
 * (`startWorkers`) and never grows; no task queue, so a task goes to a worker at once (the hub keeps
 * one in flight per worker); a dead worker is not replaced, so the run that lost it fails.
 */
const OPTIONS = {
  startWorkers: true,
  enableTasksQueue: false,
  restartWorkerOnError: false,
  workerChoiceStrategy: WorkerChoiceStrategies.LEAST_USED,
} as const;

/**
 * The environment of a cluster worker for `--worker-env`. node:cluster adds the `env` it is given
 * to this process's own, so a variable that `clean` drops is passed as undefined, which
 * child_process leaves out.
 */
function clusterEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  for (const name of Object.keys(process.env)) if (!(name in env)) out[name] = undefined;
  return out;
}

/**
 * poolifier 5 with N workers: FixedThreadPool on node:worker_threads (`threads`) or
 * FixedClusterPool on node:cluster (`processes`), tasks through `execute`, teardown `destroy`.
 */
export function poolifierPool(kind: keyof typeof KINDS): LibraryPool {
  const { mode, impl, primitive } = KINDS[kind];
  return {
    mode,
    impl,
    primitive,
    info: {
      mode,
      impl,
      name: 'poolifier',
      version: installedVersion('poolifier'),
      options: {
        pool: kind === 'thread' ? 'FixedThreadPool' : 'FixedClusterPool',
        numberOfWorkers: 'workers',
        ...OPTIONS,
        maxInactiveTime: IDLE_TIMEOUT_MS,
      },
    },
    start(workers, { workerEnv }) {
      const pool =
        kind === 'thread'
          ? new FixedThreadPool<unknown, number>(workers, poolifierScripts.thread, OPTIONS)
          : new FixedClusterPool<unknown, number>(workers, poolifierScripts.cluster, {
              ...OPTIONS,
              env: clusterEnv(workerProcessEnv(workerEnv)),
            });
      // A worker that dies fails its task, which the hub reports; the pool's own error event must
      // not end the process meanwhile.
      pool.emitter?.on('error', () => {});
      return {
        run: (task) => pool.execute(task),
        destroy: () => pool.destroy(),
        kill: () => pool.destroy(),
      };
    },
  };
}
