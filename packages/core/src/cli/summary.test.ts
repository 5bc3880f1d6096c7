import { expect, test } from 'vitest';
import { fakeRun } from '../analysis/result.fixture.ts';
import { formatSummary } from './summary.ts';

test('the table gives each speedup its interval, and the header says what the interval is', () => {
  const out = formatSummary(
    fakeRun({
      totals: { 'cpu threads 1': [200, 204, 208, 212, 216], 'cpu threads 2': [100, 101, 102, 103, 104] },
    }),
    undefined,
  );
  expect(out).toContain('(speedup vs 1 worker, lo-hi its 95% interval)');
  expect(out).toContain('interval: exact bootstrap of the ratio of the medians at 1 worker and at N, within this run');
  const row = out.split('\n').find((l) => /^\s+2\s/.test(l))!;
  expect(row).toMatch(/^\s+2\s+102 \(2\.04x \d\.\d\d-\d\.\d\d\)\s+2\.00x$/);
});
