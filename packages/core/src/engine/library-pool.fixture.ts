import type { LibraryPool, PoolTask } from './library-pool.ts';
import { runTask } from './tasks.ts';

/** What an in-memory library pool did, for tests to check. */
export interface InMemoryPoolLog {
  destroyed: number;
  killed: number;
  /** `whoami` tasks answered. */
  whoami: number;
}

/** What a test may do to the workers of the pool made last, between tasks, as a library would. */
export interface InMemoryPoolWorkers {
  /** Worker k (from 0) died and the library made a new one in its place: it answers a new id. */
  replace(k: number): void;
  /** Worker k (from 0) died and nothing took its place: it takes no more tasks. */
  lose(k: number): void;
}

/**
 * A library pool whose N "workers" live in this thread: worker k (from 1) is up `k * startMs`
 * after the pool is made, and takes one task at a time, as the libraries do. `hang` holds a task
 * until the pool is killed; `throw` rejects it. It tests the hub's bookkeeping on any runtime.
 */
export function inMemoryPool(startMs = 0): LibraryPool & { log: InMemoryPoolLog; workers: InMemoryPoolWorkers } {
  const log: InMemoryPoolLog = { destroyed: 0, killed: 0, whoami: 0 };
  const control: InMemoryPoolWorkers = { replace() {}, lose() {} };
  return {
    workers: control,
    mode: 'threads',
    impl: 'in-memory-pool',
    primitive: 'in-memory',
    info: { mode: 'threads', impl: 'in-memory-pool', name: 'in-memory', version: '0.0.0', options: { startMs } },
    log,
    start(workers) {
      const made = performance.now();
      const upAt = Array.from({ length: workers }, (_, k) => made + (k + 1) * startMs);
      const busy = new Array<boolean>(workers).fill(false);
      // Worker k answers `whoami` with ids[k]; a replacement gets an id no worker had.
      const ids = Array.from({ length: workers }, (_, k) => k + 1);
      let nextId = workers + 1;
      control.replace = (k) => {
        ids[k] = nextId++;
      };
      control.lose = (k) => {
        upAt[k] = Number.POSITIVE_INFINITY;
      };
      const queue: Array<() => void> = [];
      const hung: Array<(err: Error) => void> = [];
      const pump = () => {
        const now = performance.now();
        const k = busy.findIndex((b, i) => !b && (upAt[i] as number) <= now);
        if (k < 0 || queue.length === 0) {
          const next = upAt.filter((t, i) => !busy[i] && t > now);
          if (queue.length > 0 && next.length > 0) setTimeout(pump, Math.min(...next) - now + 1);
          return;
        }
        busy[k] = true;
        (queue.shift() as (k: number) => void)(k);
      };
      const run = (task: PoolTask) =>
        new Promise<number>((resolve, reject) => {
          queue.push(((k: number) => {
            const done = (v: number) => {
              busy[k] = false;
              resolve(v);
              setTimeout(pump, 0);
            };
            if (task.kind === 'whoami') {
              log.whoami++;
              return void setTimeout(done, task.ioMs, ids[k] as number);
            }
            if (task.fault === 'hang') return void hung.push(reject);
            if (task.fault) {
              busy[k] = false;
              return reject(new Error(`injected ${task.fault}`));
            }
            Promise.resolve(runTask(task.kind, task, task.id) as number | Promise<number>).then(done, reject);
          }) as () => void);
          pump();
        });
      return {
        run,
        destroy: async () => {
          log.destroyed++;
        },
        kill: async () => {
          log.killed++;
          for (const r of hung.splice(0)) r(new Error('terminated'));
        },
      };
    },
  };
}
