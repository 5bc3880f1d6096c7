import { expect, test } from 'vitest';
import { invertSymmetric, rSquared, standardErrors } from './fit-stats.ts';
import { fitLine } from './line-fit.ts';

test('invertSymmetric: A times its inverse is the identity, across very different scales', () => {
  // Shaped like J^T J of gamma (near 1) and kappa (partials in the thousands).
  const a = [
    [4, 2e3, 1],
    [2e3, 2e6, 7e2],
    [1, 7e2, 3],
  ];
  const inv = invertSymmetric(a);
  if (inv === undefined) throw new Error('expected an inverse');
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const dot = a[i]?.reduce((s, v, k) => s + v * (inv[k]?.[j] as number), 0) as number;
      expect(dot).toBeCloseTo(i === j ? 1 : 0, 9);
    }
  }
});

test('invertSymmetric: a singular matrix has none', () => {
  expect(
    invertSymmetric([
      [1, 2],
      [2, 4],
    ]),
  ).toBeUndefined();
  expect(
    invertSymmetric([
      [0, 0],
      [0, 1],
    ]),
  ).toBeUndefined();
});

test('standardErrors of a straight line agree with the textbook formulas', () => {
  const xs = [1, 1, 2, 2, 3, 3, 5];
  const ys = [34, 36, 49, 51, 64, 66, 96];
  const line = fitLine(xs, ys);
  if (!line.ok) throw new Error(line.reason);
  const fitted = xs.map((x) => line.intercept.value + line.slope.value * x);
  const ssr = ys.reduce((s, y, i) => s + (y - (fitted[i] as number)) ** 2, 0);
  const [seA, seB] = standardErrors(
    xs.map((x) => [1, x]),
    ssr,
  );
  expect(seA).toBeCloseTo(line.intercept.se, 10);
  expect(seB).toBeCloseTo(line.slope.se, 10);
  expect(rSquared(ys, fitted)).toBeCloseTo(line.rSquared, 12);
});

test('standardErrors are infinite when the parameters cannot be told apart', () => {
  expect(
    standardErrors(
      [
        [1, 2],
        [2, 4],
        [3, 6],
      ],
      1,
    ),
  ).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
});
