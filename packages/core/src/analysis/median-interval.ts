import { binomialAtLeast } from './binomial.ts';

/** An interval for the median and the coverage it actually has, which may be below the level asked. */
export interface MedianInterval {
  lo: number;
  hi: number;
  /** The probability that [lo, hi] holds the true median: exact, from the binomial, for any continuous distribution. */
  coverage: number;
}

/**
 * A distribution-free interval for the median from order statistics: [x_(k), x_(n+1-k)] holds the
 * median unless k or fewer samples fall on one side of it, so its coverage is P(k <= B <= n - k)
 * with B ~ Bin(n, 1/2). Takes the narrowest such interval that reaches `level`; when even
 * [min, max] does not (n <= 5 at 95%: 1 - 2/2^n), returns [min, max] with the coverage it has.
 */
export function medianInterval(xs: readonly number[], level = 0.95): MedianInterval {
  const n = xs.length;
  if (n === 0) throw new RangeError('medianInterval() needs at least one sample');
  if (!(level > 0 && level < 1)) throw new RangeError(`medianInterval(): level must be in (0, 1), got ${level}`);
  const s = [...xs].sort((a, b) => a - b);
  const coverageOf = (k: number) => Math.max(0, 2 * binomialAtLeast(n, 0.5, k) - 1);
  let k = 1;
  // Coverage falls as k grows: step inward while the next interval still reaches the level.
  while (k + 1 <= n + 1 - (k + 1) && coverageOf(k + 1) >= level) k++;
  return { lo: s[k - 1] as number, hi: s[n - k] as number, coverage: coverageOf(k) };
}
