import { describe, expect, test } from 'vitest';
import type { Cell, ResultFile } from '../format/types.ts';
import { fidelityChecks } from './fidelity.ts';

const cell = (task: Cell['task'], mode: Cell['mode'], impl: string, workers: number, workMs: number): Cell => ({
  task,
  mode,
  impl,
  workers,
  status: 'ok',
  samples: [{ totalMs: workMs + 1, spawnMs: 1, workMs, teardownMs: 0 }],
});

const file = (cores: number, cells: Cell[], count = 100) =>
  ({ env: { cores, availableParallelism: cores }, config: { count }, cells }) as unknown as ResultFile;

const brief = (r: ResultFile) =>
  fidelityChecks(r).map((c) => [
    c.name,
    c.mode,
    c.value === undefined ? undefined : Number(c.value.toFixed(3)),
    c.workers,
    c.status,
  ]);

test('inline ratio, cpu and io speedup against the ideal; pass and miss', () => {
  const r = file(2, [
    cell('cpu', 'sequential', 'main', 1, 1000),
    cell('cpu', 'threads', 'wt', 1, 1030),
    cell('cpu', 'threads', 'wt', 2, 560),
    cell('cpu', 'processes', 'cp', 1, 1100),
    cell('cpu', 'processes', 'cp', 2, 1100),
    cell('io', 'threads', 'wt', 1, 2000),
    cell('io', 'threads', 'wt', 8, 2000 / (100 / 13)),
    cell('io', 'processes', 'cp', 1, 2000),
    cell('io', 'processes', 'cp', 8, 400),
  ]);
  expect(brief(r)).toEqual([
    ['cpu-1-worker-vs-inline', 'threads', 1.03, 1, 'pass'],
    ['cpu-speedup-vs-ideal', 'threads', 0.92, 2, 'pass'],
    ['io-speedup-vs-ideal', 'threads', 1, 8, 'pass'],
    ['cpu-1-worker-vs-inline', 'processes', 1.1, 1, 'miss'],
    ['cpu-speedup-vs-ideal', 'processes', 0.5, 2, 'miss'],
    ['io-speedup-vs-ideal', 'processes', 0.65, 8, 'miss'],
  ]);
});

describe('the cpu check at any machine size', () => {
  test('16 cores, 100 tasks: held to the ideal at 16 (14.29x), which a perfect run reaches', () => {
    // 100 tasks on 16 workers take 7 rounds: the ideal is 100 / 7 = 14.29, below 0.9 x 16 = 14.4.
    const r = file(16, [cell('cpu', 'threads', 'wt', 1, 1000), cell('cpu', 'threads', 'wt', 16, 70)]);
    const [check] = fidelityChecks(r).filter((c) => c.name === 'cpu-speedup-vs-ideal');
    expect(check?.status).toBe('pass');
    expect(check?.workers).toBe(16);
    expect(check?.value).toBeCloseTo(1, 3);
  });

  test('16 cores, workers 1..8: checked at 8, the largest count not above the cores', () => {
    const r = file(16, [cell('cpu', 'threads', 'wt', 1, 1000), cell('cpu', 'threads', 'wt', 8, 130)]);
    const [check] = fidelityChecks(r).filter((c) => c.name === 'cpu-speedup-vs-ideal');
    expect(check?.workers).toBe(8);
    expect(check?.status).toBe('pass'); // 7.69 / ideal 7.69
  });

  test('no count from 2 up to the cores: said, not dropped', () => {
    const r = file(4, [cell('cpu', 'threads', 'wt', 1, 1000), cell('cpu', 'threads', 'wt', 8, 260)]);
    const [check] = fidelityChecks(r).filter((c) => c.name === 'cpu-speedup-vs-ideal');
    expect(check?.status).toBe('unmeasured');
    expect(check?.goal).toMatch(/no ok cpu cell at 2\.\.4 workers/);
  });

  test('one core: no count can be checked, and it says why', () => {
    const r = file(1, [cell('cpu', 'threads', 'wt', 1, 1000), cell('cpu', 'threads', 'wt', 2, 1000)]);
    const [check] = fidelityChecks(r).filter((c) => c.name === 'cpu-speedup-vs-ideal');
    expect(check?.status).toBe('unmeasured');
    expect(check?.goal).toMatch(/1 core/);
  });
});

test('io without 8 workers is checked at the largest count up to 8', () => {
  const r = file(2, [cell('io', 'processes', 'cp', 1, 2000), cell('io', 'processes', 'cp', 4, 500)]);
  expect(brief(r)).toEqual([['io-speedup-vs-ideal', 'processes', 1, 4, 'pass']]);
});
