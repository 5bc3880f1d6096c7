import { describe, type FieldReader, type Holder, type Key, members, path } from './codec-reader.ts';
import type { Clock, Percentiles, TaskClockMethod, TaskTimes } from './types.ts';

/** The clocks a hub run can be timed by. */
export const CLOCKS = members<Clock>({ phases: true, article: true });
const METHODS = members<TaskClockMethod>({
  hrtime: true,
  'time-origin': true,
  'main-thread': true,
  hub: true,
  'monotonic-ns': true,
});
const KEYS = ['min', 'p50', 'p90', 'p99', 'max'] as const;

/** One set of percentiles: finite numbers in order (min <= p50 <= p90 <= p99 <= max). */
export function readPercentiles(r: FieldReader, h: Holder, parent: string, key: Key): Percentiles {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  // A return time may be a little below zero: that is the clock's offset error, recorded as seen.
  const p: Percentiles = {
    min: r.num(o, f, 'min'),
    p50: r.num(o, f, 'p50'),
    p90: r.num(o, f, 'p90'),
    p99: r.num(o, f, 'p99'),
    max: r.num(o, f, 'max'),
  };
  for (let i = 1; i < KEYS.length; i++) {
    const [lo, hi] = [KEYS[i - 1] as (typeof KEYS)[number], KEYS[i] as (typeof KEYS)[number]];
    if (p[hi] < p[lo]) r.fail(path(f, hi), `${describe(p[hi])} is below ${lo} (${describe(p[lo])})`);
  }
  return p;
}

/** A cell's `taskTimes`. */
export function readTaskTimes(r: FieldReader, h: Holder, parent: string, key: Key): TaskTimes {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const pct = (x: Holder, g: string, k: Key) => readPercentiles(r, x, g, k);
  return {
    method: r.oneOf(o, f, 'method', METHODS),
    tasks: r.int(o, f, 'tasks', 1),
    responseMs: pct(o, f, 'responseMs'),
    ...r.optional<TaskTimes>(o, f, { queueMs: pct, runMs: pct, returnMs: pct }),
  };
}
