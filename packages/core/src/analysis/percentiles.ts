import type { Percentiles } from '../format/types.ts';

/** The value at percentile `q` (0..1) of sorted `xs`, by nearest rank (a value that was observed). */
const rank = (xs: Float64Array, q: number): number => xs[Math.max(0, Math.ceil(q * xs.length) - 1)] as number;

/** min, p50, p90, p99 and max of `values` (not empty), by nearest rank. */
export function percentiles(values: ArrayLike<number>): Percentiles {
  if (values.length === 0) throw new Error('percentiles of no values');
  const xs = Float64Array.from(values).sort();
  return { min: xs[0] as number, p50: rank(xs, 0.5), p90: rank(xs, 0.9), p99: rank(xs, 0.99), max: rank(xs, 1) };
}
