import { type RatioInterval, ratioInterval } from './bootstrap.ts';
import { fmtPct, fmtX, fmtXRange } from './numbers.ts';
import { EQUAL_MARGIN, type Verdict, verdict } from './verdict.ts';

/** A ratio of two times (A / B) with its interval and what the interval says. */
export interface Judged {
  interval: RatioInterval;
  verdict: Verdict;
}

/** The fewest units per side a ratio is judged on: one sample says nothing about the spread. */
export const MIN_UNITS = 2;

/** median(a) / median(b) with its 95% bootstrap interval and verdict; undefined on too few units. */
export function judge(a: readonly number[], b: readonly number[]): Judged | undefined {
  if (a.length < MIN_UNITS || b.length < MIN_UNITS || b.some((x) => !(x > 0)) || a.some((x) => !(x >= 0)))
    return undefined;
  const interval = ratioInterval(a, b);
  return { interval, verdict: verdict(interval) };
}

// Three significant digits: a spawn ratio of 0.0753 must not print as 0.07–0.07.
const ratioDigits = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));

/** "ratio of medians, 95% exact bootstrap interval 0.97–1.04, n = 5 and 5": the method behind a ratio. */
export function methodBasis(j: Judged, units = ''): string {
  const { interval: iv } = j;
  const method = iv.method === 'exact-bootstrap' ? 'exact bootstrap' : 'bootstrap (seeded resampling)';
  return `ratio of medians ${ratioDigits(iv.estimate)}, ${Math.round(iv.level * 100)}% ${method} interval ${ratioDigits(iv.lo)}–${ratioDigits(iv.hi)}, n = ${iv.n[0]} and ${iv.n[1]}${units}`;
}

/** "equal within ±5%": how the equality margin reads. */
export const withinMargin = `equal within ±${fmtPct(EQUAL_MARGIN)}`;

/**
 * A ratio of times A / B in words, by its verdict: "A 1.45x faster than B (1.38–1.52x)", "A and B
 * equal within ±5%", or "no difference shown between A and B (n = 5 and 5)". "Equal" is said only
 * for an interval inside the margin.
 */
export function ratioWords(j: Judged, a: string, b: string): string {
  const { lo, hi, estimate, n } = j.interval;
  switch (j.verdict) {
    case 'faster':
      return `${a} ${fmtX(1 / estimate)} faster than ${b} (95% interval ${fmtXRange(1 / hi, 1 / lo)})`;
    case 'slower':
      return `${a} ${fmtX(estimate)} slower than ${b} (95% interval ${fmtXRange(lo, hi)})`;
    case 'equal':
      return `${a} and ${b} ${withinMargin}`;
    case 'unresolved':
      return `no difference shown between ${a} and ${b} (n = ${n[0]} and ${n[1]})`;
  }
}
