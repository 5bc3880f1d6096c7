import { median } from '../analysis/stats.ts';
import { KILL_WAIT_MS } from '../constants.ts';
import { HubError } from '../errors.ts';
import type { HubResult, RunOptions } from './hub-run.ts';
import type { LibraryPool, LibraryPoolHandle, PoolTask } from './library-pool.ts';
import { live } from './live-workers.ts';
import { PoolGuard } from './pool-guard.ts';
import { pidAlive } from './pool-roll-call.ts';
import { poolMemory } from './proc-memory.ts';
import { sharedNow } from './shared-clock.ts';
import { TaskStamps } from './task-times.ts';

/** A hub run on a library pool, which takes the transport's place (the library starts its own workers). */
export interface PoolHubOptions extends RunOptions {
  pool: LibraryPool;
  /** Told the worker ids (pids for processes) once all are up; for tests. */
  onWorkers?: ((ids: number[]) => void) | undefined;
}

const rssNow = () => process.memoryUsage().rss;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long a `whoami` task holds its worker, ms. */
export const WHOAMI_HOLD_MS = 1;

/**
 * Spawn phase: `whoami` tasks, N in flight, until N distinct workers have answered. Each holds its
 * worker WHOAMI_HOLD_MS, so a worker that is up stays busy and the library hands a waiting task to
 * a worker that has just started; once all N are up, the N tasks in flight reach N workers. The
 * phase so ends one round trip and one hold after the last worker is up.
 */
export async function awaitWorkers(handle: LibraryPoolHandle, n: number): Promise<number[]> {
  const seen = new Set<number>();
  const lane = async () => {
    while (seen.size < n) {
      seen.add(await handle.run({ kind: 'whoami', id: -1, ioMs: WHOAMI_HOLD_MS, cpuIters: 0 }));
    }
  };
  await Promise.all(Array.from({ length: n }, lane));
  if (seen.size !== n) throw new HubError(`the pool answered from ${seen.size} workers, expected ${n}`);
  return [...seen];
}

/**
 * End the pool now: the library's forced teardown, bounded; then, for process pools, SIGKILL to
 * any worker pid still alive, so that a library that fails to stop a busy worker leaves none.
 */
export async function killPool(handle: LibraryPoolHandle, pids: number[]): Promise<void> {
  await Promise.race([handle.kill().catch(() => {}), pause(KILL_WAIT_MS)]);
  for (const pid of pids) {
    if (!pidAlive(pid)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone between the check and the kill.
    }
  }
}

/**
 * The work of one batch on a started library pool: `count` tasks, one in flight per worker,
 * through the library's API, each answer checked; raced against the guard (hung task, abort).
 */
export async function poolBatch(
  o: PoolHubOptions,
  started: LibraryPoolHandle,
  guard: PoolGuard,
  stamps: TaskStamps,
): Promise<void> {
  const faultAt = o.fault ? Math.floor(o.count / 2) : -1;
  let next = 0;
  const lane = async () => {
    while (next < o.count) {
      const id = next++;
      const task: PoolTask = { kind: o.task, id, ioMs: o.params.ioMs, cpuIters: o.params.cpuIters };
      if (id === faultAt) task.fault = o.fault;
      guard.inFlight.set(id, performance.now());
      let value: number;
      try {
        value = await started.run(task);
      } catch (err) {
        const e = err as Error;
        throw new HubError(`task ${id} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`);
      }
      stamps.received[id] = sharedNow();
      guard.inFlight.delete(id);
      const want = o.answers(id);
      if (value !== want) {
        throw new HubError(`task ${id} answered ${value}, expected ${want}: the work was not done as asked`);
      }
    }
  };
  await guard.run('work', Promise.all(Array.from({ length: Math.min(o.workers, o.count) }, lane)));
}

/**
 * One measured hub run on a library pool, with the phases, watchdog and answer check of `runHub`:
 * make the pool, wait until its N workers have answered (phases clock; the article clock submits
 * at once), run `count` tasks with one in flight per worker through the library's API, then
 * destroy it. Per-task times are the hub's view (`hub`): a library does not say when a task
 * started on a worker, so only submitted to received is known. Throws `HubError` (the pool is
 * killed first) or `RunAborted`.
 */
export async function runPoolHub(o: PoolHubOptions): Promise<HubResult> {
  const guard = new PoolGuard(o.timeoutMs, o.signal);
  const article = o.clock === 'article';
  const stamps = new TaskStamps(o.count, 'hub');
  let handle: LibraryPoolHandle | undefined;
  let pids: number[] = [];
  // In the live set, so that SIGINT's killAllWorkers reaches the pool too.
  const liveEntry = { send() {}, kill: () => void (handle ? killPool(handle, pids) : undefined) };
  live.add(liveEntry);
  try {
    const rssBefore = rssNow();
    const t0 = performance.now();
    const started = o.pool.start(o.workers, { workerEnv: o.workerEnv });
    handle = started;
    let t1 = t0;
    let memory: HubResult['memory'];
    if (!article) {
      const ids = await guard.run('spawn', awaitWorkers(started, o.workers));
      if (o.pool.mode === 'processes') pids = ids;
      t1 = performance.now();
      o.onWorkers?.(ids);
      memory = poolMemory(
        o.pool.mode,
        ids.map((id) => ({ pid: o.pool.mode === 'processes' ? id : undefined, reportedRss: 0 })),
        rssBefore,
        rssNow(),
        median,
      );
    }

    o.probe?.start();
    const workStart = article ? t0 : performance.now();
    stamps.submittedAt = performance.timeOrigin + workStart;
    await poolBatch(o, started, guard, stamps);
    const t2 = performance.now();
    o.probe?.stop();

    await guard.run('teardown', started.destroy());
    const t3 = performance.now();
    guard.phase = 'done';
    // The article clock has no spawn phase of its own here: the library does not say when its
    // workers were ready, so spawn is 0 and no ready point is recorded.
    return {
      sample: { totalMs: t1 - t0 + (t3 - workStart), spawnMs: t1 - t0, workMs: t2 - workStart, teardownMs: t3 - t2 },
      ...(memory ? { memory } : {}),
      stamps,
    };
  } catch (err) {
    guard.phase = 'done';
    if (handle) await killPool(handle, pids);
    throw err instanceof Error && !(err instanceof HubError) && err.name !== 'RunAborted'
      ? new HubError(`${o.pool.impl}: ${err.message}`)
      : err;
  } finally {
    guard.disarm();
    live.delete(liveEntry);
  }
}
