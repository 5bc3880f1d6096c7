import { percentiles } from '../analysis/percentiles.ts';
import { median } from '../analysis/stats.ts';
import type { ArrivalPoint } from '../format/types.ts';

/** The stamps of one arrival run, ms on the hub's clock; tasks from `from` on are measured. */
export interface ArrivalRun {
  arrived: Float64Array;
  dispatched: Float64Array;
  received: Float64Array;
  from: number;
  maxQueued: number;
}

/**
 * Events per second of `times` (any order): 1000 over the least-squares slope of the sorted times
 * against their rank. Unlike (n - 1) / (last - first), one stall of a loaded machine at either end
 * moves it by a fraction of the stall over the span, not the whole of it.
 */
function rateOf(times: Float64Array): number {
  const t = Float64Array.from(times).sort();
  const n = t.length;
  const meanI = (n - 1) / 2;
  let meanT = 0;
  for (const x of t) meanT += x / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - meanI) * ((t[i] as number) - meanT);
    sxx += (i - meanI) ** 2;
  }
  const msPerEvent = sxy / sxx;
  return msPerEvent > 0 ? 1000 / msPerEvent : Number.POSITIVE_INFINITY;
}

/**
 * One rate's point for a cell from its measured arrival runs: response and queue-wait percentiles
 * over every measured task, offered rate and throughput (`rateOf`) as medians over runs, and sustained when
 * the median of throughput / offered is at least `share` (ARRIVAL_SUSTAIN_SHARE). Undefined without
 * a measured task.
 */
export function arrivalPointOf(rate: number, runs: readonly ArrivalRun[], share: number): ArrivalPoint | undefined {
  const response: number[] = [];
  const queue: number[] = [];
  const offered: number[] = [];
  const throughput: number[] = [];
  const ratios: number[] = [];
  for (const r of runs) {
    const m = r.arrived.length - r.from;
    if (m < 2) continue;
    for (let i = r.from; i < r.arrived.length; i++) {
      response.push((r.received[i] as number) - (r.arrived[i] as number));
      queue.push((r.dispatched[i] as number) - (r.arrived[i] as number));
    }
    const o = rateOf(r.arrived.subarray(r.from));
    const t = rateOf(r.received.subarray(r.from));
    offered.push(o);
    throughput.push(t);
    ratios.push(t / o);
  }
  if (response.length === 0 || response.some((x) => Number.isNaN(x))) return undefined;
  return {
    rate,
    runs: throughput.length,
    tasks: response.length,
    offered: median(offered),
    throughput: median(throughput),
    sustained: median(ratios) >= share,
    responseMs: percentiles(response),
    // A task handed over at once waits 0; the clock may put dispatch a hair before its due time.
    queueMs: percentiles(queue.map((q) => Math.max(0, q))),
    maxQueued: Math.max(0, ...runs.map((r) => r.maxQueued)),
  };
}
