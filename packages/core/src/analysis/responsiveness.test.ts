import { expect, test } from 'vitest';
import type { LoopDelay } from '../format/types.ts';
import { delaySeries, p99Range } from './responsiveness.ts';
import { fakeRun } from './result.fixture.ts';

const d = (p99Ms: number, maxMs = p99Ms): LoopDelay => ({
  method: 'timer-drift',
  intervalMs: 1,
  p50Ms: 0.1,
  p99Ms,
  maxMs,
  samples: 100,
});

test('delaySeries: one series per task, mode and impl, by worker count, with its worst p99 and max', () => {
  const r = fakeRun({
    totals: { 'io async 2': [10, 11], 'io async 1': [20, 21], 'io threads 1': [22, 23], 'cpu threads 1': [9, 9] },
  });
  r.cells[0]!.loopDelay = d(0.3, 2);
  r.cells[1]!.loopDelay = d(0.5, 1);
  r.cells[2]!.loopDelay = d(0.2);
  // A failed cell, and a cell of an older file without the field, are left out.
  r.cells[3]!.status = 'failed';
  r.cells[3]!.loopDelay = d(99);
  const s = delaySeries(r);
  expect(s.map((x) => `${x.task} ${x.mode} ${x.points.map((p) => p.workers).join(',')}`)).toEqual([
    'io async 1,2',
    'io threads 1',
  ]);
  expect(s[0]).toMatchObject({ worstP99Ms: 0.5, worstMaxMs: 2, method: 'timer-drift', intervalMs: 1 });
  expect(p99Range(s[0]!)).toBe('0.30-0.50');
  expect(p99Range(s[1]!)).toBe('0.20');
  expect(delaySeries(fakeRun())).toEqual([]);
});
