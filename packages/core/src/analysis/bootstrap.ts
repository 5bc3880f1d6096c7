import { binomialAtLeast, lnChoose } from './binomial.ts';
import { seeded } from './prng.ts';
import { median } from './stats.ts';

/** One value of a discrete distribution and its probability. */
export interface Atom {
  value: number;
  p: number;
}

/** How a ratio interval was found: exactly, or (for large samples) by seeded resampling. */
export type BootstrapMethod = 'exact-bootstrap' | 'bootstrap';

/** An interval for median(a) / median(b): a time ratio, or a speedup (time at 1 worker / time at N). */
export interface RatioInterval {
  /** median(a) / median(b). */
  estimate: number;
  lo: number;
  hi: number;
  /** The level asked for, e.g. 0.95: a percentile bootstrap interval, not a guaranteed coverage. */
  level: number;
  method: BootstrapMethod;
  /** Sample counts of a and b. */
  n: [number, number];
}

/**
 * The exact method while both samples have at most this many values. Building one median's
 * distribution takes about n^2 steps (binomial tails, or the (i, j) pairs of an even n): about
 * 10 ms at 100, 400 ms at 400, where resampling is cheaper. The ratio's quantiles then cost (atoms
 * of a + atoms of b) per bisection step, however many (median of a, median of b) pairs there are.
 */
export const MAX_EXACT_N = 100;
/** Resamples of the fallback: its 2.5% and 97.5% points then move by about 0.35% of probability between seeds. */
export const BOOTSTRAP_RESAMPLES = 2000;
// Fixed so that the same samples always give the same interval, on the server and in the page.
const BOOTSTRAP_SEED = 0x5eed_1234;

/** Sort atoms by value and merge equal values (ties in the data give the same median twice). */
function merged(atoms: Atom[]): Atom[] {
  atoms.sort((x, y) => x.value - y.value);
  const out: Atom[] = [];
  for (const a of atoms) {
    const last = out[out.length - 1];
    if (last && last.value === a.value) last.p += a.p;
    else if (a.p > 0) out.push({ ...a });
  }
  return out;
}

/** P(the m-th smallest of n draws from sorted x is x_(i)), i from 1: the draws at or below i reach m first at i. */
const orderStat = (n: number, m: number, i: number) =>
  binomialAtLeast(n, i / n, m) - binomialAtLeast(n, (i - 1) / n, m);

/**
 * The exact bootstrap distribution of the median of a resample of xs (n draws with replacement),
 * without drawing: for odd n, with m = (n + 1) / 2, P(median = x_(i)) = P(Bin(n, i/n) >= m) -
 * P(Bin(n, (i-1)/n) >= m). For even n, m = n / 2, the median is (Y_(m) + Y_(m+1)) / 2; for i < j
 * P(Y_(m) = x_(i), Y_(m+1) = x_(j)) = C(n,m) [(i/n)^m - ((i-1)/n)^m] [((n-j+1)/n)^(n-m) -
 * ((n-j)/n)^(n-m)] (m draws at or below i, reaching it; n - m at or above j, reaching it), and
 * the i = j term is what is left of Y_(m)'s marginal at i. Positions count, not values: ties merge after.
 */
export function medianBootstrap(xs: readonly number[]): Atom[] {
  const n = xs.length;
  if (n === 0) throw new RangeError('medianBootstrap() needs at least one sample');
  const s = [...xs].sort((a, b) => a - b);
  const atoms: Atom[] = [];
  if (n % 2 === 1) {
    const m = (n + 1) / 2;
    for (let i = 1; i <= n; i++) atoms.push({ value: s[i - 1] as number, p: orderStat(n, m, i) });
    return merged(atoms);
  }
  const m = n / 2;
  const lnC = lnChoose(n, m);
  // ln[(i/n)^m - ((i-1)/n)^m] and ln[((n-j+1)/n)^(n-m) - ((n-j)/n)^(n-m)], kept in logs for large n.
  const lnLow = (i: number) => m * Math.log(i / n) + Math.log1p(-(((i - 1) / i) ** m));
  const lnHigh = (j: number) => (n - m) * Math.log((n - j + 1) / n) + Math.log1p(-(((n - j) / (n - j + 1)) ** (n - m)));
  for (let i = 1; i <= n; i++) {
    let rest = orderStat(n, m, i);
    for (let j = i + 1; j <= n; j++) {
      const p = Math.exp(lnC + lnLow(i) + lnHigh(j));
      rest -= p;
      atoms.push({ value: ((s[i - 1] as number) + (s[j - 1] as number)) / 2, p });
    }
    // Rounding can leave a hair below zero where the true remainder is 0.
    atoms.push({ value: s[i - 1] as number, p: Math.max(0, rest) });
  }
  return merged(atoms);
}

/**
 * P(median(a*) / median(b*) <= r), a* and b* independent: the sum over a's atoms x of P(x) times
 * P(median(b*) >= x / r). Each quotient is computed as x / y and compared with r, exactly as if
 * every pair were listed; since division rounds monotonically, the atoms of b that pass form a
 * suffix whose start only moves right as x grows: one pass over both lists.
 */
function ratioCdf(da: readonly Atom[], db: readonly Atom[], tailB: Float64Array, r: number): number {
  let j = 0;
  let sum = 0;
  for (const x of da) {
    while (j < db.length && x.value / (db[j] as Atom).value > r) j++;
    sum += x.p * (tailB[j] as number);
  }
  return sum;
}

/**
 * The q-quantile of the ratio of two independent discrete distributions (atoms sorted by value):
 * the smallest ratio x / y whose cumulative probability reaches q. Bisection over doubles on the
 * exact CDF, which steps only at those ratios: it ends on two adjacent doubles, the upper one that value.
 */
function ratioQuantile(da: readonly Atom[], db: readonly Atom[], q: number): number {
  const tailB = new Float64Array(db.length + 1);
  for (let k = db.length - 1; k >= 0; k--) tailB[k] = (tailB[k + 1] as number) + (db[k] as Atom).p;
  // The tolerance keeps a cumulative sum that should be exactly q from missing it by rounding.
  const target = q - 1e-12;
  let lo = (da[0] as Atom).value / (db[db.length - 1] as Atom).value;
  let hi = (da[da.length - 1] as Atom).value / (db[0] as Atom).value;
  if (ratioCdf(da, db, tailB, lo) >= target) return lo;
  // Here F(lo) < target <= F(hi) = 1. Adjacent doubles are reached in about 60 steps; the bound
  // covers a start at 0, through the subnormals.
  for (let step = 0; step < 2200; step++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (ratioCdf(da, db, tailB, mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

function check(name: string, xs: readonly number[], positive: boolean): void {
  if (xs.length === 0) throw new RangeError(`ratioInterval(): ${name} has no samples`);
  for (const x of xs) {
    if (!Number.isFinite(x) || x < 0 || (positive && x === 0))
      throw new RangeError(
        `ratioInterval(): ${name} holds ${x}; samples must be finite and ${positive ? '> 0' : '>= 0'}`,
      );
  }
}

function resampledMedian(xs: readonly number[], draw: () => number, buf: Float64Array): number {
  const n = xs.length;
  for (let k = 0; k < n; k++) buf[k] = xs[Math.floor(draw() * n)] as number;
  buf.sort();
  return n % 2 ? (buf[n >> 1] as number) : ((buf[n / 2 - 1] as number) + (buf[n / 2] as number)) / 2;
}

/**
 * A percentile bootstrap interval for median(a) / median(b), a and b resampled independently: at
 * level 0.95, the 2.5% and 97.5% points of the ratio's bootstrap distribution. Exact when both
 * samples have at most MAX_EXACT_N values (each median's distribution from medianBootstrap, the
 * ratio's from their product), else BOOTSTRAP_RESAMPLES seeded resamples. Deterministic either way.
 */
export function ratioInterval(a: readonly number[], b: readonly number[], level = 0.95): RatioInterval {
  check('a', a, false);
  check('b', b, true);
  if (!(level > 0 && level < 1)) throw new RangeError(`ratioInterval(): level must be in (0, 1), got ${level}`);
  const n: [number, number] = [a.length, b.length];
  const estimate = median(a) / median(b);
  const qLo = (1 - level) / 2;
  const qHi = 1 - qLo;
  if (a.length <= MAX_EXACT_N && b.length <= MAX_EXACT_N) {
    const da = medianBootstrap(a);
    const db = medianBootstrap(b);
    return {
      estimate,
      lo: ratioQuantile(da, db, qLo),
      hi: ratioQuantile(da, db, qHi),
      level,
      method: 'exact-bootstrap',
      n,
    };
  }
  const draw = seeded(BOOTSTRAP_SEED);
  const bufA = new Float64Array(a.length);
  const bufB = new Float64Array(b.length);
  const ratios = new Float64Array(BOOTSTRAP_RESAMPLES);
  for (let k = 0; k < BOOTSTRAP_RESAMPLES; k++)
    ratios[k] = resampledMedian(a, draw, bufA) / resampledMedian(b, draw, bufB);
  ratios.sort();
  const at = (q: number) => ratios[Math.max(0, Math.ceil(q * BOOTSTRAP_RESAMPLES) - 1)] as number;
  return { estimate, lo: at(qLo), hi: at(qHi), level, method: 'bootstrap', n };
}
