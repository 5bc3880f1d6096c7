import { expect, test } from 'vitest';
import { medianInterval } from './median-interval.ts';

test('five samples: [min, max], and it says it covers 93.75%, not 95%', () => {
  expect(medianInterval([5, 1, 4, 2, 3])).toEqual({ lo: 1, hi: 5, coverage: 0.9375 });
});

test('nine samples: [x(2), x(8)] covers 1 - 20/512; [x(3), x(7)] would cover only 82%', () => {
  const r = medianInterval([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  expect([r.lo, r.hi]).toEqual([2, 8]);
  expect(r.coverage).toBeCloseTo(1 - 20 / 512, 12);
});

test('a lower level gives a narrower interval that still reaches it', () => {
  const xs = Array.from({ length: 20 }, (_, i) => i + 1);
  const r = medianInterval(xs, 0.5);
  expect(r.coverage).toBeGreaterThanOrEqual(0.5);
  expect(r.hi - r.lo).toBeLessThan(medianInterval(xs).hi - medianInterval(xs).lo);
  // 20 samples at 95%: [x(6), x(15)] covers 95.9%, [x(7), x(14)] 88.5%.
  expect(medianInterval(xs)).toMatchObject({ lo: 6, hi: 15 });
  expect(medianInterval(xs).coverage).toBeCloseTo(0.9586, 4);
});

test('one sample: a point, which covers nothing', () => {
  expect(medianInterval([7])).toEqual({ lo: 7, hi: 7, coverage: 0 });
});

test('refuses an empty list and a level outside (0, 1)', () => {
  expect(() => medianInterval([])).toThrow(/at least one sample/);
  expect(() => medianInterval([1, 2], 1.5)).toThrow(/level must be in \(0, 1\), got 1.5/);
});
