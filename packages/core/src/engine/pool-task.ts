import { isMainThread, threadId } from 'node:worker_threads';
import type { PoolTask } from './library-pool.ts';
import { runTask } from './tasks.ts';
import { injectFault } from './worker-loop.ts';

/**
 * The worker side of every library pool: what piscina, tinypool and workerpool call for each task.
 * `whoami` answers this worker's thread id, or its pid in a process worker, so that the hub knows
 * when all N are up (after holding the worker `ioMs`); the rest is the task the raw transports run, through the same `runTask`.
 */
export function poolTask(task: PoolTask): number | Promise<number> {
  if (task.kind === 'whoami') {
    const id = isMainThread ? process.pid : threadId;
    // Held `ioMs` before answering, so that the library hands the other whoami tasks to other workers.
    return task.ioMs > 0 ? new Promise((resolve) => setTimeout(resolve, task.ioMs, id)) : id;
  }
  if (task.fault) injectFault(task.fault);
  // Only the built-in kinds reach a pool (the sweep refuses the others), and they answer numbers.
  return runTask(task.kind, task, task.id) as number | Promise<number>;
}
