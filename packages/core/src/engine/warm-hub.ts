import { median } from '../analysis/stats.ts';
import { HubError } from '../errors.ts';
import type { WarmStart } from '../format/types.ts';
import { dispatcher, type HubOptions, type HubResult, hubPool, stampMethod } from './hub-run.ts';
import type { WorkPhaseProbe } from './loop-delay.ts';
import { poolMemory } from './proc-memory.ts';
import { TaskStamps } from './task-times.ts';
import { watch } from './watchdog.ts';

/**
 * A pool kept alive across the batches of a warm cell (`--pool warm`): started once, then batch
 * after batch on the same workers, then ended once. Any fault (a task error, a worker that exits,
 * even between batches, a hung task, an abort) kills every worker and rejects the batch or the
 * close in progress, so a warm cell fails as a cold one does and leaves no worker behind.
 */
export interface WarmPool {
  /** The one start: until all N were ready. */
  readonly spawnMs: number;
  /** One batch of `count` tasks on the live workers; its sample is the work alone (spawn and teardown 0). */
  batch(probe?: WorkPhaseProbe): Promise<HubResult>;
  /** Ask every worker to leave and wait until each has; the cell's one spawn and teardown. */
  close(): Promise<WarmStart>;
  /** End every worker now (after a failure or an abort), bounded. */
  kill(): Promise<void>;
  /** Worker identities, for tests: pids for processes, start order otherwise. */
  readonly workerIds: readonly number[];
}

const rssNow = () => process.memoryUsage().rss;

/** The sample of a warm batch: only its work, so that no reader takes it for a cold run's spawn. */
export const warmSample = (workMs: number): HubResult['sample'] => ({
  totalMs: workMs,
  spawnMs: 0,
  workMs,
  teardownMs: 0,
});

/**
 * Start a transport's N workers for a warm cell and wait until all are ready (the phases clock's
 * barrier whatever `o.clock`: a warm sample has no start to overlap with). Memory per worker is
 * read once, after the start, as a cold run reads it.
 */
export async function openWarmHub(o: HubOptions): Promise<WarmPool & { memory: HubResult['memory'] }> {
  const { feed, pool } = hubPool(o);
  const disarm = watch(o.signal, pool, o.timeoutMs);
  let ended = false;
  const fail = async (err: unknown): Promise<never> => {
    ended = true;
    disarm();
    await pool.kill();
    throw err;
  };
  const rssBefore = rssNow();
  const t0 = performance.now();
  try {
    await pool.spawn(o.workers);
  } catch (err) {
    return fail(err);
  }
  const spawnMs = performance.now() - t0;
  const memory = poolMemory(
    o.transport.mode,
    pool.slots.map((s) => ({ pid: s.handle.pid, reportedRss: s.rssBytes })),
    rssBefore,
    rssNow(),
    median,
  );
  // From here a worker that stops, between batches too, fails the pool: the next batch sees it.
  pool.phase = 'work';
  return {
    spawnMs,
    memory,
    workerIds: pool.slots.map((s, i) => s.handle.pid ?? i),
    async batch(probe) {
      const stamps = new TaskStamps(o.count, stampMethod(o));
      try {
        pool.phase = 'work';
        probe?.start();
        const workStart = performance.now();
        stamps.submittedAt = performance.timeOrigin + workStart;
        const d = dispatcher(o, pool, stamps, feed);
        d.onAllDone = () => pool.resolvePhase();
        await pool.phaseDone(() => {
          for (let i = 0; i < pool.slots.length; i++) d.feed(i);
        });
        const workMs = performance.now() - workStart;
        probe?.stop();
        const wrong = d.checks.verify();
        if (wrong) throw new HubError(`${wrong}: the work was not done as asked`);
        return { sample: warmSample(workMs), stamps };
      } catch (err) {
        probe?.stop();
        return fail(err);
      }
    },
    async close() {
      const t2 = performance.now();
      try {
        await pool.shutdown();
      } catch (err) {
        return fail(err);
      }
      pool.phase = 'done';
      ended = true;
      disarm();
      return { spawnMs, teardownMs: performance.now() - t2 };
    },
    // Once: after a failed batch (already killed) or a close, there is nothing left to end.
    kill: async () => {
      if (ended) return;
      ended = true;
      disarm();
      await pool.kill();
    },
  };
}
