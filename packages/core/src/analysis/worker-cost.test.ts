import { describe, expect, test } from 'vitest';
import type { Cell, MemoryMethod, ResultFile, Sample } from '../format/types.ts';
import { fitLine, type LineFit } from './line-fit.ts';
import { workerCosts } from './worker-cost.ts';

const sample = (spawnMs: number, teardownMs: number): Sample => ({
  spawnMs,
  teardownMs,
  workMs: 100,
  totalMs: spawnMs + 100 + teardownMs,
});

const cell = (task: Cell['task'], mode: Cell['mode'], impl: string, workers: number, samples: Sample[]): Cell => ({
  task,
  mode,
  impl,
  workers,
  status: 'ok',
  samples,
});

const run = (cells: Cell[], clock?: 'article') => ({ cells, config: clock ? { clock } : {} }) as unknown as ResultFile;

function ok(fit: LineFit | undefined) {
  if (fit === undefined || !fit.ok) throw new Error(`expected a line, got ${JSON.stringify(fit)}`);
  return fit;
}

test("the article clock's runs give no worker cost: spawn there is not the start of N workers", () => {
  const cells = [1, 2, 4].map((n) => cell('io', 'threads', 'worker_threads', n, [sample(10 * n, 2)]));
  expect(workerCosts(run(cells))).toHaveLength(1);
  expect(workerCosts(run(cells, 'article'))).toEqual([]);
});

describe('fitLine', () => {
  test('an exact line: its coefficients, zero errors, R squared 1', () => {
    const line = ok(fitLine([1, 2, 4, 8], [35, 50, 80, 140]));
    expect(line.intercept.value).toBeCloseTo(20, 10);
    expect(line.slope.value).toBeCloseTo(15, 10);
    expect(line.intercept.se).toBeCloseTo(0, 10);
    expect(line.slope.se).toBeCloseTo(0, 10);
    expect(line.rSquared).toBe(1);
  });

  test('residuals of +-1 around 20 + 15 N: standard errors by hand', () => {
    // x = 1,1,2,2,3,3; SSR = 6, s^2 = 6 / 4 = 1.5, Sxx = 4, mean x = 2; SST = 906.
    const line = ok(fitLine([1, 1, 2, 2, 3, 3], [34, 36, 49, 51, 64, 66]));
    expect(line.slope.value).toBeCloseTo(15, 10);
    expect(line.intercept.value).toBeCloseTo(20, 10);
    expect(line.slope.se).toBeCloseTo(Math.sqrt(1.5 / 4), 10);
    expect(line.intercept.se).toBeCloseTo(Math.sqrt(1.5 * (1 / 6 + 4 / 4)), 10);
    expect(line.rSquared).toBeCloseTo(1 - 6 / 906, 10);
    expect(line.points).toBe(6);
  });

  test('refuses one distinct x, fewer than 3 points and non-finite values, saying which', () => {
    expect(fitLine([2, 2, 2], [1, 2, 3])).toEqual({ ok: false, reason: expect.stringMatching(/x = 2; .*2 distinct/) });
    expect(fitLine([1, 2], [1, 2])).toEqual({
      ok: false,
      reason: '2 points; a line with standard errors needs at least 3',
    });
    expect(fitLine([1, 2, 3], [1, Number.NaN, 3])).toEqual({
      ok: false,
      reason: 'point 1 (2, NaN) is not a pair of finite numbers',
    });
    expect(() => fitLine([1, 2, 3], [1, 2])).toThrow(/3 x values but 2 y values/);
  });
});

describe('workerCosts', () => {
  test('pools every task of a transport; per worker and fixed costs as constructed', () => {
    // threads: spawn = 20 + 15 N, teardown = 2 + 1 N, in both tasks' cells.
    const threads = [1, 2, 4, 8].flatMap((n) => [
      cell('io', 'threads', 'worker_threads', n, [sample(20 + 15 * n, 2 + n), sample(20 + 15 * n, 2 + n)]),
      cell('cpu', 'threads', 'worker_threads', n, [sample(20 + 15 * n, 2 + n)]),
    ]);
    // processes: spawn = 60 + 40 N.
    const processes = [1, 2, 4].map((n) =>
      cell('io', 'processes', 'child_process', n, [sample(60 + 40 * n, 5 + 3 * n)]),
    );
    const costs = workerCosts(run([...threads, ...processes]));
    expect(costs.map((c) => [c.mode, c.impl, c.cells, c.samples])).toEqual([
      ['threads', 'worker_threads', 8, 12],
      ['processes', 'child_process', 3, 3],
    ]);
    const [t, p] = costs;
    expect(ok(t?.spawn).slope.value).toBeCloseTo(15, 9);
    expect(ok(t?.spawn).intercept.value).toBeCloseTo(20, 9);
    expect(ok(t?.teardown).slope.value).toBeCloseTo(1, 9);
    expect(ok(t?.teardown).intercept.value).toBeCloseTo(2, 9);
    expect(ok(p?.spawn).slope.value).toBeCloseTo(40, 9);
    expect(ok(p?.teardown).slope.value).toBeCloseTo(3, 9);
  });

  test('leaves out main-thread modes, failed cells and empty ones', () => {
    const costs = workerCosts(
      run([
        cell('io', 'async', 'main', 4, [sample(0, 0)]),
        cell('io', 'sequential', 'main', 1, [sample(0, 0)]),
        cell('io', 'threads', 'wt', 1, [sample(35, 3)]),
        cell('io', 'threads', 'wt', 2, [sample(50, 4)]),
        cell('io', 'threads', 'wt', 3, [sample(65, 5)]),
        { ...cell('io', 'threads', 'wt', 4, [sample(9999, 9999)]), status: 'failed', error: 'timed out' },
        cell('io', 'threads', 'wt', 5, []),
      ]),
    );
    expect(costs).toHaveLength(1);
    expect(costs[0]?.samples).toBe(3);
    expect(ok(costs[0]?.spawn).slope.value).toBeCloseTo(15, 9);
  });

  test('one worker count: no line, and the reason', () => {
    const [cost] = workerCosts(
      run([cell('io', 'processes', 'cp', 2, [sample(100, 5), sample(102, 5), sample(98, 6)])]),
    );
    expect(cost?.spawn).toEqual({ ok: false, reason: expect.stringMatching(/every point has x = 2/) });
  });

  test('memory per worker: the median of the cells that recorded it, its method, and how many did', () => {
    const withMemory = (n: number, bytes: number | undefined, method: MemoryMethod = 'uss'): Cell => {
      const c = cell('io', 'processes', 'cp', n, [sample(50 * n, 5)]);
      return bytes === undefined ? c : { ...c, memory: { bytesPerWorker: bytes, method } };
    };
    const [cost] = workerCosts(
      run([withMemory(1, 30e6), withMemory(2, 40e6), withMemory(4, undefined), withMemory(8, 32e6)]),
    );
    expect(cost?.memory).toEqual({ bytesPerWorker: 32e6, method: 'uss', cells: 3, legacy: false });
    const [none] = workerCosts(run([withMemory(1, undefined), withMemory(2, undefined), withMemory(3, undefined)]));
    expect(none?.memory).toBeUndefined();
  });

  test('memory of different methods does not mix: the method most cells used', () => {
    const c = (n: number, bytes: number, method: MemoryMethod): Cell => ({
      ...cell('io', 'processes', 'cp', n, [sample(50 * n, 5)]),
      memory: { bytesPerWorker: bytes, method },
    });
    const [cost] = workerCosts(run([c(1, 10e6, 'uss'), c(2, 12e6, 'uss'), c(3, 90e6, 'rss')]));
    expect(cost?.memory).toEqual({ bytesPerWorker: 11e6, method: 'uss', cells: 2, legacy: false });
  });

  test("an old file's rssBytesPerWorker is used when no cell has memory, and marked legacy", () => {
    const old = (mode: Cell['mode'], n: number, rss: number): Cell => ({
      ...cell('io', mode, 'x', n, [sample(50 * n, 5)]),
      rssBytesPerWorker: rss,
    });
    const costs = workerCosts(run([old('processes', 1, 50e6), old('processes', 2, 52e6), old('threads', 2, 8e6)]));
    expect(costs.map((c) => [c.mode, c.memory])).toEqual([
      ['processes', { bytesPerWorker: 51e6, method: 'rss', cells: 2, legacy: true }],
      ['threads', { bytesPerWorker: 8e6, method: 'rss-growth', cells: 1, legacy: true }],
    ]);
    const mixed = workerCosts(
      run([
        old('processes', 1, 50e6),
        { ...cell('io', 'processes', 'x', 2, [sample(100, 5)]), memory: { bytesPerWorker: 9e6, method: 'uss' } },
      ]),
    );
    expect(mixed[0]?.memory).toEqual({ bytesPerWorker: 9e6, method: 'uss', cells: 1, legacy: false });
  });
});
