import { median } from '../analysis/stats.ts';
import { ROLL_CALL_LIMIT_MS } from '../constants.ts';
import { HubError } from '../errors.ts';
import type { HubResult } from './hub-run.ts';
import type { LibraryPoolHandle } from './library-pool.ts';
import { live } from './live-workers.ts';
import { PoolGuard } from './pool-guard.ts';
import { awaitWorkers, killPool, type PoolHubOptions, poolBatch } from './pool-hub-run.ts';
import { rollCall } from './pool-roll-call.ts';
import { poolMemory } from './proc-memory.ts';
import { TaskStamps } from './task-times.ts';
import { type WarmPool, warmSample } from './warm-hub.ts';

const rssNow = () => process.memoryUsage().rss;

/** A library's error as the cell's: its own message, the impl named. */
const asHubError = (o: PoolHubOptions, err: unknown): unknown =>
  err instanceof Error && !(err instanceof HubError) && err.name !== 'RunAborted'
    ? new HubError(`${o.pool.impl}: ${err.message}`)
    : err;

/**
 * A library pool (piscina, tinypool, workerpool, poolifier) for a warm cell: the one pool object
 * made once, its N workers awaited (`awaitWorkers`), every batch submitted to it through the
 * library's API, destroyed once at the end. Before every batch after the first, a roll call
 * (`rollCall`) fails the batch when a worker died meanwhile, replaced by the library or not.
 * Faults as `runPoolHub`: the pool is killed (and for processes every worker pid still alive),
 * then the error goes on.
 */
export async function openWarmPool(o: PoolHubOptions): Promise<WarmPool & { memory: HubResult['memory'] }> {
  const guard = new PoolGuard(o.timeoutMs, o.signal);
  let handle: LibraryPoolHandle | undefined;
  let pids: number[] = [];
  const liveEntry = { send() {}, kill: () => void (handle ? killPool(handle, pids) : undefined) };
  live.add(liveEntry);
  let ended = false;
  const end = () => {
    ended = true;
    guard.phase = 'done';
    guard.disarm();
    live.delete(liveEntry);
  };
  const fail = async (err: unknown): Promise<never> => {
    end();
    if (handle) await killPool(handle, pids);
    throw asHubError(o, err);
  };
  let ids: number[] = [];
  const rssBefore = rssNow();
  const t0 = performance.now();
  try {
    handle = o.pool.start(o.workers, { workerEnv: o.workerEnv });
    ids = await guard.run('spawn', awaitWorkers(handle, o.workers));
  } catch (err) {
    return fail(err);
  }
  const spawnMs = performance.now() - t0;
  const started = handle;
  guard.late = 'a worker of the warm pool not answering between batches';
  guard.spawnLimitMs = Math.max(o.timeoutMs, ROLL_CALL_LIMIT_MS);
  let batches = 0;
  if (o.pool.mode === 'processes') pids = ids;
  o.onWorkers?.(ids);
  const memory = poolMemory(
    o.pool.mode,
    ids.map((id) => ({ pid: o.pool.mode === 'processes' ? id : undefined, reportedRss: 0 })),
    rssBefore,
    rssNow(),
    median,
  );
  return {
    spawnMs,
    memory,
    workerIds: ids,
    async batch(probe) {
      const stamps = new TaskStamps(o.count, 'hub');
      try {
        // Between batches, off the clock: the workers must be those the pool started with.
        if (batches++ > 0) await guard.run('spawn', rollCall(started, ids, o.pool.mode));
        probe?.start();
        const workStart = performance.now();
        stamps.submittedAt = performance.timeOrigin + workStart;
        await poolBatch(o, started, guard, stamps);
        const workMs = performance.now() - workStart;
        probe?.stop();
        return { sample: warmSample(workMs), stamps };
      } catch (err) {
        probe?.stop();
        return fail(err);
      }
    },
    async close() {
      const t2 = performance.now();
      try {
        await guard.run('teardown', started.destroy());
      } catch (err) {
        return fail(err);
      }
      end();
      return { spawnMs, teardownMs: performance.now() - t2 };
    },
    // Once: after a failed batch (already killed) or a close, there is nothing left to end.
    kill: async () => {
      if (ended) return;
      end();
      await killPool(started, pids);
    },
  };
}
