import { expect, test } from 'vitest';
import { fakeRun } from './result.fixture.ts';
import { summarize } from './summarize.ts';

test('each speedup carries its exact bootstrap interval over the samples at 1 worker and at N', () => {
  const r = fakeRun({
    totals: { 'cpu threads 1': [200, 204, 208, 212, 216], 'cpu threads 2': [100, 101, 102, 103, 104] },
  });
  const two = summarize(r).find((c) => c.workers === 2)!;
  expect(two.speedup).toBeCloseTo(208 / 102, 12);
  expect(two.speedupCi).toMatchObject({ method: 'exact-bootstrap', level: 0.95, n: [5, 5] });
  expect(two.speedupCi!.estimate).toBe(two.speedup);
  // The extremes of the ratio are 200/104 and 216/100; 95% of the mass lies well inside them.
  expect(two.speedupCi!.lo).toBeGreaterThanOrEqual(200 / 104);
  expect(two.speedupCi!.hi).toBeLessThanOrEqual(216 / 100);
  expect(two.speedupCi!.lo).toBeLessThan(two.speedup!);
  expect(two.speedupCi!.hi).toBeGreaterThan(two.speedup!);
});
