import { expect, test } from 'vitest';
import { fidelityChecks } from './fidelity.ts';
import type { Cell, ResultFile } from './types.ts';

const cell = (task: Cell['task'], mode: Cell['mode'], impl: string, workers: number, workMs: number): Cell => ({
  task,
  mode,
  impl,
  workers,
  status: 'ok',
  samples: [{ totalMs: workMs + 1, spawnMs: 1, workMs, teardownMs: 0 }],
});

test('fidelity checks: inline ratio, cpu speedup at cores, io share of ideal; pass and miss', () => {
  const r = {
    env: { cores: 2, availableParallelism: 2 },
    config: { count: 100 },
    cells: [
      cell('cpu', 'sequential', 'main', 1, 1000),
      cell('cpu', 'threads', 'wt', 1, 1030),
      cell('cpu', 'threads', 'wt', 2, 560),
      cell('cpu', 'processes', 'cp', 1, 1100),
      cell('io', 'threads', 'wt', 1, 2000),
      cell('io', 'threads', 'wt', 8, 2000 / (100 / 13)),
      cell('io', 'processes', 'cp', 1, 2000),
      cell('io', 'processes', 'cp', 8, 400),
    ],
  } as unknown as ResultFile;
  const checks = fidelityChecks(r).map((c) => [c.name, c.mode, Number(c.value.toFixed(3)), c.pass]);
  expect(checks).toEqual([
    ['cpu-1-worker-vs-inline', 'threads', 1.03, true],
    ['cpu-threads-at-cores', 'threads', 1.839, true],
    ['io-at-8-workers', 'threads', 1, true],
    ['cpu-1-worker-vs-inline', 'processes', 1.1, false],
    ['io-at-8-workers', 'processes', 0.65, false],
  ]);
});
