import { expect, describe as suite, test } from 'vitest';
import { type Atom, MAX_EXACT_N, medianBootstrap, ratioInterval } from './bootstrap.ts';
import { median } from './stats.ts';

/** Every one of the n^n resamples of xs, each with probability n^-n: the bootstrap by brute force. */
function bruteForce(xs: readonly number[]): Map<number, number> {
  const n = xs.length;
  const out = new Map<number, number>();
  const idx = new Array<number>(n).fill(0);
  const p = n ** -n;
  for (;;) {
    const m = median(idx.map((i) => xs[i] as number));
    out.set(m, (out.get(m) ?? 0) + p);
    let k = 0;
    while (k < n && idx[k] === n - 1) idx[k++] = 0;
    if (k === n) return out;
    idx[k] = (idx[k] as number) + 1;
  }
}

/** The percentile interval of the ratio the slow way: every pair listed, sorted, and accumulated. */
function listedQuantiles(a: number[], b: number[], level: number): [number, number] {
  const pairs = medianBootstrap(a).flatMap((x) =>
    medianBootstrap(b).map((y) => ({ v: x.value / y.value, p: x.p * y.p })),
  );
  pairs.sort((x, y) => x.v - y.v);
  const at = (q: number) => {
    let cum = 0;
    for (const e of pairs) {
      cum += e.p;
      if (cum >= q - 1e-12) return e.v;
    }
    return pairs[pairs.length - 1]!.v;
  };
  return [at((1 - level) / 2), at(1 - (1 - level) / 2)];
}

const asMap = (atoms: Atom[]) => new Map(atoms.map((a) => [a.value, a.p]));

function expectSameDistribution(exact: Atom[], brute: Map<number, number>): void {
  const got = asMap(exact);
  expect([...got.keys()].sort((a, b) => a - b)).toEqual([...brute.keys()].sort((a, b) => a - b));
  for (const [v, p] of brute) expect(Math.abs((got.get(v) as number) - p), `P(median = ${v})`).toBeLessThan(1e-10);
  expect(exact.reduce((s, a) => s + a.p, 0)).toBeCloseTo(1, 12);
}

suite('medianBootstrap: the exact distribution of a resample median', () => {
  // Powers of two: every mean of two of them is a distinct value, so each (i, j) pair of the even
  // case is checked on its own; the input is shuffled to check that order does not matter.
  for (let n = 1; n <= 7; n++) {
    test(`matches all ${n}^${n} resamples, n = ${n} (${n % 2 ? 'odd' : 'even'})`, () => {
      const xs = Array.from({ length: n }, (_, i) => 2 ** ((i * 3) % n));
      expectSameDistribution(medianBootstrap(xs), bruteForce(xs));
    });
  }

  test('ties in the data merge into one value, still matching brute force', () => {
    for (const xs of [
      [3, 3, 5, 7],
      [2, 2, 2, 9, 9, 4],
      [1, 1, 1, 1, 1, 1, 2],
    ]) {
      expectSameDistribution(medianBootstrap(xs), bruteForce(xs));
    }
  });

  test('refuses an empty list', () => {
    expect(() => medianBootstrap([])).toThrow(/at least one sample/);
  });
});

suite('ratioInterval', () => {
  test('exact on small samples, and the same every time', () => {
    const a = [7, 3, 1, 5, 2, 6, 4];
    const r = ratioInterval(a, [1]);
    // P(median = x_(1)) = P(Bin(7, 1/7) >= 4) = 0.0036 < 0.025 <= P(<= x_(2)): the 2.5% point is 2.
    expect(r).toEqual({ estimate: 4, lo: 2, hi: 6, level: 0.95, method: 'exact-bootstrap', n: [7, 1] });
    expect(ratioInterval(a, [1])).toEqual(r);
  });

  test('the exact quantiles are those of every (median of a, median of b) pair listed and sorted', () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let k = 0; k < 300; k++) {
      // Rounded values give ties, and lengths 1..12 give both parities.
      const draw = (n: number) => Array.from({ length: n }, () => Math.round(50 + rnd() * 50) / 2);
      const a = draw(1 + Math.floor(rnd() * 12));
      const b = draw(1 + Math.floor(rnd() * 12));
      const level = [0.5, 0.9, 0.95][k % 3]!;
      const r = ratioInterval(a, b, level);
      expect([r.lo, r.hi], `a = ${a}, b = ${b}, level ${level}`).toEqual(listedQuantiles(a, b, level));
    }
  });

  test('identical constant samples give a point interval at 1', () => {
    const r = ratioInterval([10, 10, 10, 10, 10], [10, 10, 10, 10, 10]);
    expect([r.lo, r.estimate, r.hi]).toEqual([1, 1, 1]);
  });

  test('a ratio of medians, not of means: an outlier does not move it', () => {
    const r = ratioInterval([100, 101, 102, 103, 5000], [50, 50.5, 51, 51.5, 52]);
    expect(r.estimate).toBeCloseTo(2, 10);
    expect(r.lo).toBeGreaterThan(1.9);
    expect(r.hi).toBeLessThan(5000 / 50);
    expect(r.lo).toBeLessThanOrEqual(r.estimate);
    expect(r.hi).toBeGreaterThanOrEqual(r.estimate);
  });

  test('a wider level gives a wider or equal interval', () => {
    const a = [10, 11, 12, 13, 14, 15, 16, 17, 18];
    const b = [9, 10, 11, 12, 13, 14, 15, 16, 17];
    const r95 = ratioInterval(a, b, 0.95);
    const r50 = ratioInterval(a, b, 0.5);
    expect(r95.lo).toBeLessThanOrEqual(r50.lo);
    expect(r95.hi).toBeGreaterThanOrEqual(r50.hi);
    expect(r50.hi - r50.lo).toBeLessThan(r95.hi - r95.lo);
  });

  test('past MAX_EXACT_N: a seeded resampling bootstrap, stated, and deterministic', () => {
    let seed = 3;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const a = Array.from({ length: 1001 }, () => 200 + rnd() * 20);
    const b = Array.from({ length: 401 }, () => 100 + rnd() * 10);
    expect(a.length).toBeGreaterThan(MAX_EXACT_N);
    const r = ratioInterval(a, b);
    expect(r.method).toBe('bootstrap');
    expect(ratioInterval(a, b)).toEqual(r);
    expect(r.lo).toBeLessThan(r.estimate);
    expect(r.hi).toBeGreaterThan(r.estimate);
    // Medians of uniform samples this large sit within about 1% of 210 and 105.
    expect(r.lo).toBeGreaterThan(1.95);
    expect(r.hi).toBeLessThan(2.05);
  });

  test('refuses what is not a time', () => {
    expect(() => ratioInterval([], [1])).toThrow(/a has no samples/);
    expect(() => ratioInterval([1], [0])).toThrow(/b holds 0; samples must be finite and > 0/);
    expect(() => ratioInterval([Number.NaN], [1])).toThrow(/a holds NaN/);
    expect(() => ratioInterval([1], [1], 1)).toThrow(/level must be in \(0, 1\)/);
  });
});
