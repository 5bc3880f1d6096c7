import { type FieldReader, type Holder, type Key, members, path } from './codec-reader.ts';
import type { DelayStats, LoopDelay, LoopDelayMethod } from './types.ts';

/** A delay longer than a day is a broken writer, not a stall. */
export const MAX_DELAY_MS = 86_400_000;
/** A sampler's interval: from 1 µs (no timer is finer) to a minute (longer samples nothing a run could show). */
export const MIN_DELAY_INTERVAL_MS = 0.001;
export const MAX_DELAY_INTERVAL_MS = 60_000;

const METHODS = members<LoopDelayMethod>({ 'timer-drift': true, 'asyncio-timer': true, 'thread-wakeup': true });

/** p50, p99, max (each 0..MAX_DELAY_MS, in that order) and the number of samples (at least 1). */
function readStats(r: FieldReader, h: Holder, parent: string, key: Key): DelayStats {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const s: DelayStats = {
    p50Ms: r.num(o, f, 'p50Ms', 0, MAX_DELAY_MS),
    p99Ms: r.num(o, f, 'p99Ms', 0, MAX_DELAY_MS),
    maxMs: r.num(o, f, 'maxMs', 0, MAX_DELAY_MS),
    samples: r.int(o, f, 'samples', 1),
  };
  if (s.p50Ms > s.p99Ms) r.fail(path(f, 'p99Ms'), `${s.p99Ms} is below p50Ms ${s.p50Ms}`);
  if (s.p99Ms > s.maxMs) r.fail(path(f, 'maxMs'), `${s.maxMs} is below p99Ms ${s.p99Ms}`);
  return s;
}

/** `cells[i].loopDelay`: the hub's event-loop delay, its method and interval, and the monitor's figure beside it. */
export function readLoopDelay(r: FieldReader, h: Holder, parent: string, key: Key): LoopDelay {
  const stats = readStats(r, h, parent, key);
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const intervalMs = r.num(o, f, 'intervalMs', MIN_DELAY_INTERVAL_MS, MAX_DELAY_INTERVAL_MS);
  return {
    method: r.oneOf(o, f, 'method', METHODS),
    intervalMs,
    ...stats,
    ...r.optional<LoopDelay>(o, f, {
      // Backing off means waiting longer than the interval, never shorter.
      idleIntervalMs: (x, g, k) => r.num(x, g, k, intervalMs, MAX_DELAY_INTERVAL_MS),
      monitor: (x, g, k) => readStats(r, x, g, k),
    }),
  };
}
