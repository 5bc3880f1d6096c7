import { expect, describe as suite, test } from 'vitest';
import { describe, idealSpeedup, median, tQuantile95 } from './stats.ts';

suite('describe', () => {
  test('mean, median, sample sd, extremes of a known list', () => {
    const s = describe([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.median).toBe(4.5);
    expect(s.sd).toBeCloseTo(2.13809, 4); // sqrt(32 / 7)
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
  });

  test('95% interval uses Student t with n-1 degrees of freedom', () => {
    const s = describe([10, 12, 14]);
    // mean 12, sd 2, t(2) = 4.303: half-width 4.303 * 2 / sqrt(3)
    expect(s.ci95[0]).toBeCloseTo(12 - (4.303 * 2) / Math.sqrt(3), 6);
    expect(s.ci95[1]).toBeCloseTo(12 + (4.303 * 2) / Math.sqrt(3), 6);
  });

  test('a single sample has zero spread and a point interval', () => {
    const s = describe([7]);
    expect(s.sd).toBe(0);
    expect(s.ci95).toEqual([7, 7]);
  });

  test('refuses an empty list', () => {
    expect(() => describe([])).toThrow(/at least one sample/);
  });

  test('median of odd and even lists, input not reordered', () => {
    const xs = [3, 1, 2];
    expect(median(xs)).toBe(2);
    expect(xs).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test('t quantile: table values, and the expansion past 30 tends to 1.96', () => {
    expect(tQuantile95(1)).toBe(12.706);
    expect(tQuantile95(30)).toBe(2.042);
    expect(tQuantile95(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile95(10_000)).toBeCloseTo(1.96, 2);
  });
});

suite('idealSpeedup (DESIGN.md)', () => {
  test('io: count / ceil(count / N)', () => {
    expect(idealSpeedup('io', 1, 100, 2)).toBe(1);
    expect(idealSpeedup('io', 8, 100, 2)).toBeCloseTo(100 / 13, 10);
    expect(idealSpeedup('io', 64, 100, 2)).toBe(50);
  });
  test('cpu: capped by the cores', () => {
    expect(idealSpeedup('cpu', 2, 100, 2)).toBe(2);
    expect(idealSpeedup('cpu', 8, 100, 2)).toBe(2);
    expect(idealSpeedup('cpu', 3, 100, 6)).toBeCloseTo(100 / 34, 10);
  });
  test('noop has no ideal', () => {
    expect(idealSpeedup('noop', 4, 100, 2)).toBeUndefined();
  });
});

test('describe carries the interval of the median, with the coverage 5 samples really give', () => {
  const s = describe([10, 14, 11, 13, 12]);
  expect(s.median).toBe(12);
  expect(s.medianCi).toEqual({ lo: 10, hi: 14, coverage: 0.9375 });
});

suite('idealSpeedup of the real-IO and module tasks', () => {
  test('fs and net wait: their ideal is io’s, not capped by the cores', () => {
    expect(idealSpeedup('fs', 8, 100, 2)).toBe(idealSpeedup('io', 8, 100, 2));
    expect(idealSpeedup('net', 8, 100, 2)).toBeGreaterThan(2);
  });
  test('a module follows its bound: cpu (the default) is capped by the cores, io is not', () => {
    expect(idealSpeedup('module', 8, 100, 2)).toBe(2);
    expect(idealSpeedup('module', 8, 100, 2, 'cpu')).toBe(2);
    expect(idealSpeedup('module', 8, 100, 2, 'io')).toBe(idealSpeedup('io', 8, 100, 2));
  });
});
