import { TEARDOWN_LIMIT_MS } from '../constants.ts';
import { HubError, RunAborted } from '../errors.ts';
import type { Pool } from './pool.ts';

/** Arm a watchdog; returns its disarm function. */
export function watch(signal: AbortSignal | undefined, pool: Pool, timeoutMs: number): () => void {
  const onAbort = () => pool.fail(new RunAborted());
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  // One timer per pool, not one per task: a task is hung when it has run past `timeoutMs`. No
  // clock is read per task for it (between messages a read cost a 1 KiB payload task on a thread
  // about 0.5 µs of its 22 µs): a task counts from the first tick that sees it in flight, which is
  // after it was sent, so one flagged has run at least `timeoutMs`. The tick is an eighth of the
  // timeout, so it is flagged by 1.25x the timeout at the latest (two ticks past it).
  const tick = Math.max(10, Math.min(500, timeoutMs / 8));
  const seen: number[] = [];
  const seenAt: number[] = [];
  const interval = setInterval(() => {
    const now = performance.now();
    const inPhase = now - pool.phaseStartedAt;
    if (pool.phase === 'spawn' && inPhase > timeoutMs) {
      pool.fail(new HubError(`workers not ready after ${timeoutMs} ms (--timeout-ms)`));
    }
    if (pool.phase === 'teardown' && inPhase > TEARDOWN_LIMIT_MS) {
      pool.fail(new HubError(`workers still running ${TEARDOWN_LIMIT_MS} ms after being asked to exit`));
    }
    if (pool.phase !== 'work') return;
    // The article clock works while workers start: one still not ready is as late as in spawn.
    if (pool.readyCount < pool.slots.length && inPhase > timeoutMs) {
      pool.fail(new HubError(`workers not ready after ${timeoutMs} ms (--timeout-ms)`));
    }
    for (const [i, s] of pool.slots.entries()) {
      if (s.task < 0) continue;
      if (seen[i] !== s.sends) {
        seen[i] = s.sends;
        seenAt[i] = now;
      } else if (now - (seenAt[i] as number) > timeoutMs) {
        pool.fail(new HubError(`task ${s.task} in worker ${i + 1} ran past ${timeoutMs} ms (--timeout-ms)`));
        return;
      }
    }
  }, tick);
  return () => {
    clearInterval(interval);
    signal?.removeEventListener('abort', onAbort);
  };
}
