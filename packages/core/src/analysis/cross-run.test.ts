import { expect, test } from 'vitest';
import type { Batch } from '../format/types.ts';
import { batchRuns, cellSamples, runGroups, unitsOf } from './cross-run.ts';
import { fakeRun } from './result.fixture.ts';

const key = { task: 'cpu', mode: 'threads', impl: 'x', workers: 1 } as const;
const batch = (round: number, id = 'b1'): Batch => ({ id, round, rounds: 3 });
const run = (id: string, runtime: string, b?: Batch, totals = [100, 101, 102]) =>
  fakeRun({ id, runtime, ...(b ? { batch: b } : {}), totals: { 'cpu threads 1': totals } });

test('cellSamples: one phase of an ok cell, nothing for a missing one', () => {
  const r = run('a', 'node');
  expect(cellSamples(r, key, 'totalMs')).toEqual([100, 101, 102]);
  expect(cellSamples(r, key, 'workMs')).toEqual([98, 99, 100]);
  expect(cellSamples(r, { ...key, workers: 4 }, 'totalMs')).toEqual([]);
});

test('batchRuns: the rounds of one runtime in one batch, by round; alone without a batch', () => {
  const pool = [
    run('n3', 'node', batch(3)),
    run('b1', 'bun', batch(1)),
    run('n1', 'node', batch(1)),
    run('x', 'node', batch(2, 'other')),
    run('n2', 'node', batch(2)),
  ];
  expect(batchRuns(pool[4]!, pool).map((r) => r.id)).toEqual(['n1', 'n2', 'n3']);
  expect(batchRuns(run('solo', 'node'), pool).map((r) => r.id)).toEqual(['solo']);
});

test('batchRuns leaves out a round that is not comparable to the picked run', () => {
  const odd = fakeRun({ id: 'n2', batch: batch(2), config: { count: 20 } });
  const pool = [run('n1', 'node', batch(1)), odd, run('n3', 'node', batch(3))];
  expect(batchRuns(pool[0]!, pool).map((r) => r.id)).toEqual(['n1', 'n3']);
});

test('runGroups: per-run medians when both sides have several rounds, else one run each', () => {
  const pool = [
    run('n1', 'node', batch(1), [100, 110, 120]),
    run('n2', 'node', batch(2), [130, 140, 150]),
    run('b1', 'bun', batch(1), [50, 60, 70]),
    run('b2', 'bun', batch(2), [80, 90, 100]),
    run('b3', 'bun', batch(3), [55, 65, 75]),
  ];
  const g = runGroups(pool[0]!, pool[2]!, pool);
  expect(g.unit).toBe('run');
  expect(g.base.map((r) => r.id)).toEqual(['n1', 'n2']);
  expect(g.other.map((r) => r.id)).toEqual(['b1', 'b2', 'b3']);
  expect(unitsOf(g.base, g.unit, key, 'totalMs')).toEqual([110, 140]);
  expect(unitsOf(g.other, g.unit, key, 'totalMs')).toEqual([60, 90, 65]);

  const single = runGroups(run('n', 'node'), pool[2]!, pool);
  expect(single).toMatchObject({ unit: 'sample' });
  expect(single.other.map((r) => r.id)).toEqual(['b1']);
  expect(unitsOf(single.other, single.unit, key, 'totalMs')).toEqual([50, 60, 70]);
});
