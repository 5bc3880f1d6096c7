import { describe, expect, test } from 'vitest';
import { dispatchCosts } from '../analysis/dispatch-cost.ts';
import { preset } from '../cli/presets.ts';
import { HubError, RunAborted } from '../errors.ts';
import type { RunConfig } from '../format/types.ts';
import { inMemory } from './in-memory.fixture.ts';
import { inMemoryPool } from './library-pool.fixture.ts';
import { liveWorkerCount } from './live-workers.ts';
import { runPoolHub } from './pool-hub-run.ts';
import { planCells, runSweep } from './sweep.ts';

const base = {
  params: { ioMs: 2, cpuIters: 1000 },
  timeoutMs: 2_000,
  workerEnv: 'inherit' as const,
  answers: (id: number) => id,
};

describe('runPoolHub', () => {
  test('the spawn phase lasts until N distinct workers have answered, then each task is checked', async () => {
    const pool = inMemoryPool(15);
    const ids: number[] = [];
    const r = await runPoolHub({ ...base, pool, workers: 3, task: 'io', count: 9, onWorkers: (x) => ids.push(...x) });
    expect(ids.sort()).toEqual([1, 2, 3]);
    // Worker 3 is up 45 ms after the pool is made: the spawn phase cannot end before.
    expect(r.sample.spawnMs).toBeGreaterThanOrEqual(44);
    // 9 io tasks of 2 ms on 3 workers, one in flight each: at least 3 waits in a row.
    expect(r.sample.workMs).toBeGreaterThanOrEqual(3 * 2 * 0.9);
    expect(pool.log).toMatchObject({ destroyed: 1, killed: 0 });
    expect(liveWorkerCount()).toBe(0);
  });

  test('a wrong answer fails the run and kills the pool', async () => {
    const pool = inMemoryPool();
    const run = runPoolHub({ ...base, answers: (id) => id + 1, pool, workers: 2, task: 'noop', count: 4 });
    await expect(run).rejects.toThrow(/task \d answered \d, expected \d: the work was not done as asked/);
    expect(pool.log).toMatchObject({ destroyed: 0, killed: 1 });
  });

  test('a task that throws fails the run with its error', async () => {
    const pool = inMemoryPool();
    const run = runPoolHub({ ...base, pool, workers: 2, task: 'noop', count: 10, fault: 'throw' });
    await expect(run).rejects.toThrow(/task 5 failed: Error: injected throw/);
    expect(pool.log.killed).toBe(1);
  });

  test('a task that hangs past the timeout fails the run, and the pool is killed', async () => {
    const pool = inMemoryPool();
    const t0 = performance.now();
    const run = runPoolHub({ ...base, timeoutMs: 100, pool, workers: 2, task: 'noop', count: 10, fault: 'hang' });
    await expect(run).rejects.toBeInstanceOf(HubError);
    await expect(run).rejects.toThrow(/task 5 ran past 100 ms/);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(pool.log).toMatchObject({ destroyed: 0, killed: 1 });
    expect(liveWorkerCount()).toBe(0);
  });

  test('workers that never come up fail the spawn phase after the timeout', async () => {
    const pool = inMemoryPool(10_000);
    const run = runPoolHub({ ...base, timeoutMs: 100, pool, workers: 2, task: 'noop', count: 2 });
    await expect(run).rejects.toThrow(/workers not ready after 100 ms/);
    expect(pool.log.killed).toBe(1);
  });

  test('an abort stops the run with RunAborted', async () => {
    const controller = new AbortController();
    const pool = inMemoryPool();
    const run = runPoolHub({ ...base, pool, workers: 1, task: 'io', count: 50, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(run).rejects.toBeInstanceOf(RunAborted);
    expect(pool.log.killed).toBe(1);
  });
});

describe('library pools in a sweep', () => {
  const config = (over: Partial<RunConfig>): RunConfig => ({
    ...preset('quick'),
    workerEnv: 'inherit',
    preset: 'quick',
    count: 6,
    repeat: 2,
    warmup: 0,
    ioMs: 2,
    cpuIters: 1000,
    modes: ['threads'],
    impls: ['in-memory'],
    workers: [1, 2],
    ...over,
  });

  test('a pool is planned beside the transports only when --impl names it', () => {
    const pools = [inMemoryPool()];
    const plan = (impls: string[]) =>
      planCells(config({ tasks: ['noop'], impls }), [inMemory()], pools).map((c) => `${c.impl}x${c.workers}`);
    expect(plan(['in-memory'])).toEqual(['in-memoryx1', 'in-memoryx2']);
    expect(plan(['in-memory', 'in-memory-pool'])).toEqual([
      'in-memoryx1',
      'in-memory-poolx1',
      'in-memoryx2',
      'in-memory-poolx2',
    ]);
  });

  test('its noop cell at 1 worker gets the round trip of its primitive as yardstick', async () => {
    const r = await runSweep({
      config: config({ tasks: ['noop', 'io'], impls: ['in-memory-pool'] }),
      transports: [inMemory()],
      pools: [inMemoryPool()],
    });
    expect(r.cells.map((c) => `${c.task} ${c.impl}x${c.workers} ${c.status} ${c.samples.length}`)).toEqual([
      'noop in-memory-poolx1 ok 2',
      'noop in-memory-poolx2 ok 2',
      'io in-memory-poolx1 ok 2',
      'io in-memory-poolx2 ok 2',
    ]);
    expect(r.roundTrips).toEqual([{ mode: 'threads', impl: 'in-memory-pool', samplesUs: expect.any(Array) }]);
    expect(r.roundTrips[0]?.samplesUs).toHaveLength(2);
    const costs = dispatchCosts({ config: config({}), cells: r.cells, roundTrips: r.roundTrips } as never);
    expect(costs.map((c) => c.impl)).toEqual(['in-memory-pool']);
  });
});
