import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { delayStats } from '../analysis/delay-stats.ts';
import { LOOP_DELAY_IDLE_INTERVAL_MS, LOOP_DELAY_INTERVAL_MS } from '../constants.ts';
import type { DelayStats, LoopDelay } from '../format/types.ts';

/** What a hub run calls around its work phase; the sweep owns the probe and reads it per cell. */
export interface WorkPhaseProbe {
  start(): void;
  stop(): void;
}

/** Which runtime this is, for the monitor's quirks. */
function runtime(): 'node' | 'bun' | 'deno' {
  if ((globalThis as { Deno?: unknown }).Deno !== undefined) return 'deno';
  return process.versions.bun ? 'bun' : 'node';
}

/**
 * How each runtime's `monitorEventLoopDelay` records, measured here with a 1 ms resolution:
 * Node 20 records the whole interval between its timer's callbacks (idle: 1.03-1.13 ms), Bun 1.4.5
 * the delay past it (idle: 0.05-0.08 ms, like this sampler). Deno 2.9.6 has the function, but it
 * does not measure a stall: a loop blocked 10 ms at a time gave p99 5 us over 343 records, so it is
 * not used there.
 */
const MONITOR: Record<ReturnType<typeof runtime>, 'interval' | 'delay' | 'none'> = {
  node: 'interval',
  bun: 'delay',
  deno: 'none',
};

/** What this runtime's `monitorEventLoopDelay` records: the whole interval, the delay past it, or no stall. */
export function monitorKind(): 'interval' | 'delay' | 'none' {
  return MONITOR[runtime()];
}

/** A window's monitor, read when it closes: its count and its values at GRID percentiles (ms, past the interval). */
interface MonitorWindow {
  count: number;
  quantiles: Float64Array;
}

/** How finely a closed window's histogram is read: at the midpoints of 1,000 equal percentile steps. */
const GRID = 1000;

/** A monitor's histogram read at GRID percentiles, minus what it records beyond the delay (ns; Bun gives bigints). */
function readWindow(m: IntervalHistogram, subtractNs: number): MonitorWindow {
  const quantiles = new Float64Array(GRID + 1);
  for (let k = 0; k < GRID; k++)
    quantiles[k] = Math.max(0, Number(m.percentile(((k + 0.5) / GRID) * 100)) - subtractNs) / 1e6;
  quantiles[GRID] = Math.max(0, Number(m.max) - subtractNs) / 1e6;
  return { count: Number(m.count), quantiles };
}

/**
 * Pooled percentiles of several monitor windows. Node cannot add an event-loop histogram to another,
 * and one monitor re-enabled records the whole pause between two windows as a delay, so each window
 * has its own, read at GRID percentiles and weighted by its count: exact to 0.1 percentile and HDR's
 * bucket width.
 */
function pooledMonitor(windows: readonly MonitorWindow[]): DelayStats | undefined {
  const weighted: [number, number][] = [];
  let total = 0;
  for (const w of windows) {
    if (w.count === 0) continue;
    for (let k = 0; k < GRID; k++) weighted.push([w.quantiles[k] as number, w.count / GRID]);
    total += w.count;
  }
  if (total === 0) return undefined;
  weighted.sort((a, b) => a[0] - b[0]);
  const at = (p: number): number => {
    let seen = 0;
    for (const [ms, share] of weighted) {
      seen += share;
      if (seen >= (p / 100) * total - 1e-9) return ms;
    }
    return (weighted[weighted.length - 1] as [number, number])[0];
  };
  const maxMs = Math.max(...windows.filter((w) => w.count > 0).map((w) => w.quantiles[GRID] as number));
  // HDR reads a percentile as its bucket's top, which can pass the exact max (Bun: by 2 us).
  return { p50Ms: Math.min(at(50), maxMs), p99Ms: Math.min(at(99), maxMs), maxMs, samples: total };
}

/**
 * The hub's event-loop delay, sampled the same way on every JavaScript runtime: a timer re-armed
 * every `intervalMs` records how late it fires against when it was due (performance.now(), so to
 * the clock's resolution). A loop blocked for D ms makes the tick due inside the stall late by
 * D minus up to one interval: a stall shorter than the interval can be missed, never overstated.
 * Windows are the work phases of the measured runs (`measure` picks which); the monitor of
 * `perf_hooks`, where it works, runs over the same windows for comparison.
 */
export class LoopDelayProbe implements WorkPhaseProbe {
  /** Whether the next window counts (the sweep sets it false for warm-up runs). */
  measure = true;
  /** The longest interval the timer backs off to while the loop is idle (`intervalMs` when it never does). */
  readonly idleIntervalMs: number;
  private readonly delays: number[] = [];
  private readonly windows: MonitorWindow[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private monitor: IntervalHistogram | undefined;
  private due = 0;
  private current: number;
  private readonly kind = MONITOR[runtime()];
  private readonly monitorMs: number;

  /**
   * `useMonitor`: run `monitorEventLoopDelay` beside it at `monitorMs` (default: `intervalMs`), for
   * checking the sampler; off in a sweep's cells, since its timer wakes an idle loop every
   * `monitorMs` and would cost what backing off saves. `idleIntervalMs` equal to `intervalMs`: a
   * fixed interval.
   */
  constructor(
    readonly intervalMs: number = LOOP_DELAY_INTERVAL_MS,
    private readonly useMonitor = false,
    options: { idleIntervalMs?: number; monitorMs?: number } = {},
  ) {
    this.idleIntervalMs = Math.max(intervalMs, options.idleIntervalMs ?? LOOP_DELAY_IDLE_INTERVAL_MS);
    this.monitorMs = options.monitorMs ?? intervalMs;
    this.current = intervalMs;
  }

  private readonly tick = (): void => {
    const now = performance.now();
    // Node may fire a timer a fraction of a ms early against performance.now() (its timers run on
    // the loop's cached ms clock): that is no delay.
    const delay = Math.max(0, now - this.due);
    if (this.measure) this.delays.push(delay);
    // A tick late by two intervals or more means the loop was busy (or the machine was): the next
    // one is due after one interval, so a stall that follows it is timed to that interval. A tick
    // about on time (Deno's 1 ms timer fires about 1.1 ms late on an idle loop) finds it idle: the
    // wait doubles, up to idleIntervalMs, so the loop is not woken for nothing (each wake-up takes
    // a core from the workers).
    this.current = delay >= 2 * this.intervalMs ? this.intervalMs : Math.min(this.current * 2, this.idleIntervalMs);
    this.arm(now);
  };

  private arm(now: number): void {
    this.due = now + this.current;
    const t = setTimeout(this.tick, this.current);
    // Never what keeps a process alive.
    (t as { unref?: () => void }).unref?.();
    this.timer = t;
  }

  /** Open a window. */
  start(): void {
    if (this.timer !== undefined) return;
    if (this.measure && this.useMonitor && this.kind !== 'none') {
      this.monitor = monitorEventLoopDelay({ resolution: this.monitorMs });
      this.monitor.enable();
    }
    this.current = this.intervalMs;
    this.arm(performance.now());
  }

  /** Close the window; safe to call twice, or without a start. */
  stop(): void {
    if (this.timer === undefined) return;
    // A tick still pending when the work ends is late by at least this much: a loop held for the
    // whole window would otherwise show nothing.
    const now = performance.now();
    if (this.measure && now > this.due) this.delays.push(now - this.due);
    clearTimeout(this.timer);
    this.timer = undefined;
    const m = this.monitor;
    if (m) {
      m.disable();
      this.windows.push(readWindow(m, this.kind === 'interval' ? this.monitorMs * 1e6 : 0));
      this.monitor = undefined;
    }
  }

  /** The delays of every measured window so far, ms, in the order sampled. */
  get samples(): readonly number[] {
    return this.delays;
  }

  /** The cell's figure: undefined when no measured window sampled anything. */
  result(): LoopDelay | undefined {
    const s = delayStats(this.delays);
    if (!s) return undefined;
    const monitor = pooledMonitor(this.windows);
    return {
      method: 'timer-drift',
      intervalMs: this.intervalMs,
      ...(this.idleIntervalMs > this.intervalMs ? { idleIntervalMs: this.idleIntervalMs } : {}),
      ...s,
      ...(monitor ? { monitor } : {}),
    };
  }
}
