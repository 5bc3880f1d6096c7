import { sharedNow } from './shared-clock.ts';

/** The globals that tell the runtime apart, read without touching `process` on Bun or Deno. */
const g = globalThis as { Bun?: unknown; Deno?: unknown };

/**
 * The clock a worker stamps its tasks with, which is also the cell's `taskTimes.method`. On Node
 * `hrtime`: `process.hrtime()`, CLOCK_MONOTONIC, one clock for every thread and process of
 * the machine, and already loaded in a fresh worker; `performance`, which Node loads lazily on its
 * first use, made a fresh thread's first message 0.8 ms slower. On Bun and Deno `process.hrtime`
 * counts from each process's own start, so their workers stamp `sharedNow` (`time-origin`); the
 * first read of `performance` cost them nothing measurable. A worker runs on its hub's runtime
 * (every transport starts the hub's own executable), so both sides agree on this without a word.
 * Deno is tested first: its first use of `process` in a Web Worker loads Node's compatibility layer.
 */
export const WORKER_CLOCK: 'hrtime' | 'time-origin' =
  g.Deno === undefined && g.Bun === undefined && typeof process !== 'undefined' && typeof process.hrtime === 'function'
    ? 'hrtime'
    : 'time-origin';

/** ns of CLOCK_MONOTONIC in a double: exact for the first 104 days of uptime (2^53 ns), to a few ns after. */
const hrtimeNs = (): number => {
  // The [s, ns] form: 120 ns a read on Node here, against 210 ns for `hrtime.bigint()` and 170 ns for `sharedNow`.
  const t = process.hrtime();
  return t[0] * 1e9 + t[1];
};

/** Now on the worker's clock: ns of CLOCK_MONOTONIC (`hrtime`) or `sharedNow` ms (`time-origin`). */
export const workerNow: () => number = WORKER_CLOCK === 'hrtime' ? hrtimeNs : sharedNow;

let offsetMs: number | undefined;

/**
 * `sharedNow() - hrtime in ms`, read on the hub. On Node both are the same monotonic clock
 * (`performance.now()` is hrtime less the process's origin), so the offset is a constant: taken
 * once per process from the closest of a few bracketing reads, to a fraction of a microsecond.
 */
function hrtimeOffsetMs(): number {
  if (offsetMs !== undefined) return offsetMs;
  let best = Number.POSITIVE_INFINITY;
  let offset = 0;
  for (let i = 0; i < 5; i++) {
    const a = sharedNow();
    const hr = hrtimeNs() / 1e6;
    const b = sharedNow();
    if (b - a < best) {
      best = b - a;
      offset = (a + b) / 2 - hr;
    }
  }
  offsetMs = offset;
  return offset;
}

/** The hub's map of a worker's stamps onto its own `sharedNow` timeline, ms (NaN stays NaN). */
export function workerStampsToShared(): (stamp: number) => number {
  if (WORKER_CLOCK === 'time-origin') return (stamp) => stamp;
  const offset = hrtimeOffsetMs();
  return (ns) => ns / 1e6 + offset;
}
