import type { WorkerEnv } from '../format/types.ts';
import { Pool, type Slot } from './pool.ts';
import type { Transport } from './transport.ts';
import { watch } from './watchdog.ts';

/**
 * The bare message round trip on a transport, measured like a `noop` hub run at 1 worker so that
 * the two compare like for like: a fresh worker, `count` pings one after the other, answered at
 * once by the worker loop, no task, no check. Returns the mean round trip of the run, µs.
 */
export async function measureRoundTrip(
  transport: Transport,
  count: number,
  workerEnv: WorkerEnv,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<number> {
  const pool = new Pool(transport, workerEnv);
  const disarm = watch(signal, pool, timeoutMs);
  try {
    await pool.spawn(1);
    pool.phase = 'work';
    const slot = pool.slots[0] as Slot;
    // Each ping is held like a task, so the watchdog fails the run when a reply is lost.
    const ping = (id: number) => {
      slot.task = id;
      slot.sends++;
      slot.handle.send({ t: 'ping', id });
    };
    let i = 0;
    pool.onMessage = (_slot, msg) => {
      if (msg.t !== 'pong') return;
      slot.task = -1;
      if (++i === count) return pool.resolvePhase();
      ping(i);
    };
    const t0 = performance.now();
    await pool.phaseDone(() => ping(0));
    const us = ((performance.now() - t0) * 1000) / count;
    await pool.shutdown();
    pool.phase = 'done';
    return us;
  } catch (err) {
    await pool.kill();
    throw err;
  } finally {
    disarm();
  }
}
