import type { DelayStats } from '../format/types.ts';

/**
 * The value at percentile `p` (0..100) of ascending `sorted`: the rank HDR histograms use (Node's and
 * Bun's monitorEventLoopDelay), round(p% of n), at least 1; so always a measured value, and the
 * same rank as the monitor beside it.
 */
function nearestRank(sorted: Float64Array, p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.floor((p / 100) * sorted.length + 0.5)));
  return sorted[rank - 1] as number;
}

/** p50, p99 and max of a set of delays (ms), at HDR's ranks; undefined for none. */
export function delayStats(values: ArrayLike<number>): DelayStats | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  return {
    p50Ms: nearestRank(sorted, 50),
    p99Ms: nearestRank(sorted, 99),
    maxMs: sorted[sorted.length - 1] as number,
    samples: sorted.length,
  };
}
