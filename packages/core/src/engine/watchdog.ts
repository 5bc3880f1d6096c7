import { TEARDOWN_LIMIT_MS } from '../constants.ts';
import { HubError, RunAborted } from '../errors.ts';
import type { Pool } from './pool.ts';

/** Arm a watchdog; returns its disarm function. */
export function watch(signal: AbortSignal | undefined, pool: Pool, timeoutMs: number): () => void {
  const onAbort = () => pool.fail(new RunAborted());
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  // One timer per pool, not one per task: a task is hung when it has run past `timeoutMs`.
  const tick = Math.max(10, Math.min(1000, timeoutMs / 4));
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
      if (s.task >= 0 && now - s.sentAt > timeoutMs) {
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
