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

test('an fs table on Node says whose libuv pool the reads share, and its size', () => {
  const run = (vars: Record<string, string>) => {
    const r = fakeRun({ config: { tasks: ['fs'], fsBytes: 4096 }, totals: { 'fs threads 1': [10, 11, 12] } });
    r.cells = r.cells.map((c) => ({ ...c, task: 'fs' }));
    r.env.vars = vars;
    return formatSummary(r, undefined);
  };
  expect(run({})).toContain("each read runs on libuv's thread pool, 4 threads (the default; UV_THREADPOOL_SIZE unset)");
  expect(run({ UV_THREADPOOL_SIZE: '16' })).toContain('UV_THREADPOOL_SIZE=16 threads');
  expect(run({})).toContain("Node's worker threads share their process's one pool");
});
