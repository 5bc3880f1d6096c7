import { describe, expect, test } from 'vitest';
import type { Cell, ResultFile } from '../format/types.ts';
import { fitScalability } from './fit.ts';
import { capacity, effectiveParallelism } from './fit-model.ts';
import { capsAtCores, fitRun, throughputPerSecond } from './fit-run.ts';

const COUNT = 100;

/** A cell whose samples have the given work times; spawn and teardown are irrelevant here. */
const cell = (task: Cell['task'], mode: Cell['mode'], impl: string, workers: number, workMs: number[]): Cell => ({
  task,
  mode,
  impl,
  workers,
  status: 'ok',
  samples: workMs.map((w) => ({ totalMs: w + 30, spawnMs: 20, workMs: w, teardownMs: 10 })),
});

const run = (cores: number, cells: Cell[]) =>
  ({ env: { cores, availableParallelism: cores }, config: { count: COUNT }, cells }) as unknown as ResultFile;

/** Work time at N workers for a series that follows USL with lambda = 50 tasks per second. */
function workMsAt(workers: number, sigma: number, kappa: number, cores: number, cap: boolean): number {
  const p = effectiveParallelism(workers, { count: COUNT, cores, capAtCores: cap });
  const throughput = 50 * capacity('usl', [1, sigma, kappa])(p);
  return (COUNT * 1000) / throughput;
}

describe('fitRun', () => {
  test('one fit per task x mode x impl; sequential, failed and empty cells left out', () => {
    const cells: Cell[] = [cell('io', 'sequential', 'main', 1, [2000, 2001, 2002])];
    for (let n = 1; n <= 8; n++) {
      const w = workMsAt(n, 0.05, 0.001, 2, false);
      // Median of [w * 0.9, w, w * 5] is w: an outlier does not move the point.
      cells.push(cell('io', 'threads', 'worker_threads', n, [w * 0.9, w, w * 5]));
      cells.push(
        cell('io', 'async', 'main', n, [
          (COUNT * 20) / effectiveParallelism(n, { count: COUNT, cores: 2, capAtCores: false }),
        ]),
      );
    }
    cells.push({ ...cell('io', 'processes', 'child_process', 1, [2100]), status: 'failed', error: 'boom' });
    cells.push(cell('io', 'processes', 'child_process', 2, []));
    const fits = fitRun(run(2, cells));
    expect(fits.map((f) => [f.task, f.mode, f.impl, f.points.length])).toEqual([
      ['io', 'threads', 'worker_threads', 8],
      ['io', 'async', 'main', 8],
    ]);
    const threads = fits[0];
    expect(threads?.points[0]?.throughput).toBeCloseTo(50, 9);
    expect(threads?.scale).toEqual({ count: COUNT, cores: 2, capAtCores: false });
    const usl = threads?.usl;
    expect(usl?.ok && usl.sigma.value).toBeCloseTo(0.05, 6);
    expect(usl?.ok && usl.kappa.value).toBeCloseTo(0.001, 8);
    expect(threads?.amdahl.ok).toBe(true);
    // async waits in parallel without cost: linear in parallelism.
    const async = fits[1]?.usl;
    expect(async?.ok && async.dominant).toBe('none');
  });

  test('cpu is capped at the cores: on 2 cores it is refused with the reason, on 16 it fits', () => {
    const series = (cores: number) =>
      Array.from({ length: 8 }, (_, i) => cell('cpu', 'threads', 'wt', i + 1, [workMsAt(i + 1, 0.02, 0, cores, true)]));
    const [small] = fitRun(run(2, series(2)));
    expect(small?.scale.capAtCores).toBe(true);
    const refused = small?.usl;
    expect(refused?.ok === false && refused.reason).toMatch(/2 distinct effective parallelisms .*capped at 2 cores/);
    const [big] = fitRun(run(16, series(16)));
    expect(big?.usl.ok && big.usl.sigma.value).toBeCloseTo(0.02, 6);
  });

  test('why cpu is capped: left to discover 2 cores, USL blames the primitive for a peak near them', () => {
    // A perfect 2-core machine: ideal cpu capacity 1, 2, 2, .., 2 over workers 1..8.
    const points = Array.from({ length: 8 }, (_, i) => ({
      workers: i + 1,
      throughput: 50 * effectiveParallelism(i + 1, { count: COUNT, cores: 2, capAtCores: true }),
    }));
    const discovered = fitScalability('usl', points, { count: COUNT, cores: 2, capAtCores: false });
    if (!discovered.ok) throw new Error(discovered.reason);
    // The hardware's hard knee comes out as large contention and coherency, and a false peak.
    expect(discovered.sigma.value + discovered.kappa.value * 8).toBeGreaterThan(0.3);
    expect(discovered.peak?.parallelism).toBeLessThan(5);
    expect(discovered.rSquared).toBeLessThan(0.99);
  });

  test('throughput is tasks per second from the median work time', () => {
    expect(throughputPerSecond(100, 2000)).toBe(50);
    expect(capsAtCores('cpu')).toBe(true);
    expect(capsAtCores('io')).toBe(false);
    // A module is capped when it is cpu-bound (the default), not when it says io; fs and net wait.
    expect(capsAtCores('module')).toBe(true);
    expect(capsAtCores('module', 'io')).toBe(false);
    expect(capsAtCores('fs')).toBe(false);
  });
});
