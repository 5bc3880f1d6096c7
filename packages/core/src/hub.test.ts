import { describe, expect, test } from 'vitest';
import { HubError, RunAborted } from './errors.ts';
import { liveWorkerPids, measureRoundTrip, runHub, runMain } from './hub.ts';
import { inMemory } from './in-memory.fixture.ts';
import { cpuWork } from './tasks.ts';
import type { Transport } from './transport.ts';

const base = { params: { ioMs: 2, cpuIters: 1000 }, timeoutMs: 2000, workerEnv: 'inherit' as const };
const cpuBase = cpuWork(1000, 0);

describe('runHub', () => {
  test.each(['io', 'cpu', 'noop'] as const)('%s: every task answered and checked, four phases add up', async (task) => {
    const transport = inMemory();
    const r = await runHub({ ...base, transport, workers: 3, task, count: 10, cpuBase });
    const s = r.sample;
    expect(transport.started).toBe(3);
    expect(s.totalMs).toBeCloseTo(s.spawnMs + s.workMs + s.teardownMs, 6);
    for (const v of Object.values(s)) expect(v).toBeGreaterThanOrEqual(0);
    if (task === 'io') expect(s.workMs).toBeGreaterThanOrEqual(2 * Math.ceil(10 / 3) * 0.9);
  });

  test('more workers than tasks: idle workers still start and stop', async () => {
    const transport = inMemory();
    await runHub({ ...base, transport, workers: 5, task: 'noop', count: 2, cpuBase });
    expect(transport.started).toBe(5);
  });

  test('a wrong cpu answer fails the run: no runtime can skip the work', async () => {
    const transport = inMemory((m) => (m.t === 'done' ? { ...m, value: m.value + 1 } : m));
    await expect(runHub({ ...base, transport, workers: 2, task: 'cpu', count: 4, cpuBase })).rejects.toThrow(
      /answered \d+, expected \d+: the work was not done as asked/,
    );
  });

  test('a task that throws fails the run with its error name and message', async () => {
    const transport = inMemory();
    const err = await runHub({ ...base, transport, workers: 2, task: 'noop', count: 6, cpuBase, fault: 'throw' }).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(HubError);
    expect((err as Error).message).toMatch(/task 3 failed in worker \d: InjectedFault: task failed on purpose/);
  });

  test('a worker that never answers times out, and is killed', async () => {
    const transport = inMemory((m) => (m.t === 'done' ? undefined : m));
    const t0 = performance.now();
    await expect(
      runHub({ ...base, timeoutMs: 100, transport, workers: 1, task: 'noop', count: 3, cpuBase }),
    ).rejects.toThrow(/task 0 in worker 1 ran past 100 ms \(--timeout-ms\)/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  test('a worker that never gets ready fails the spawn phase', async () => {
    const transport = inMemory((m) => (m.t === 'ready' ? undefined : m));
    await expect(
      runHub({ ...base, timeoutMs: 80, transport, workers: 2, task: 'noop', count: 3, cpuBase }),
    ).rejects.toThrow(/workers not ready after 80 ms/);
  });

  test('an abort stops the run with RunAborted', async () => {
    const controller = new AbortController();
    const transport = inMemory();
    const p = runHub({
      ...base,
      params: { ioMs: 50, cpuIters: 0 },
      transport,
      workers: 1,
      task: 'io',
      count: 100,
      cpuBase,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 30);
    await expect(p).rejects.toBeInstanceOf(RunAborted);
    expect(liveWorkerPids()).toEqual([]);
  });

  test('a transport that throws on start fails the run', async () => {
    const transport: Transport = {
      mode: 'processes',
      impl: 'broken',
      start: () => {
        throw new Error('no such file');
      },
    };
    await expect(runHub({ ...base, transport, workers: 1, task: 'noop', count: 1, cpuBase })).rejects.toThrow(
      /could not start worker 1 of 1: no such file/,
    );
  });
});

describe('runMain', () => {
  test('sequential runs one task at a time; async overlaps io waits', async () => {
    const params = { ioMs: 10, cpuIters: 0 };
    const seq = await runMain({ mode: 'sequential', workers: 4, task: 'io', params, count: 8, cpuBase });
    const par = await runMain({ mode: 'async', workers: 4, task: 'io', params, count: 8, cpuBase });
    expect(seq.sample.workMs).toBeGreaterThanOrEqual(8 * 10 * 0.95);
    expect(par.sample.workMs).toBeLessThan(seq.sample.workMs / 2);
    expect(seq.sample.spawnMs).toBe(0);
  });
  test('cpu answers are checked on the main thread too', async () => {
    const r = await runMain({
      mode: 'sequential',
      workers: 1,
      task: 'cpu',
      params: { ioMs: 0, cpuIters: 1000 },
      count: 3,
      cpuBase,
    });
    expect(r.sample.workMs).toBeGreaterThan(0);
    await expect(
      runMain({
        mode: 'sequential',
        workers: 1,
        task: 'cpu',
        params: { ioMs: 0, cpuIters: 1000 },
        count: 3,
        cpuBase: cpuBase + 1,
      }),
    ).rejects.toThrow(/answered/);
  });
});

test('measureRoundTrip: the mean of count pings to one fresh worker, which is then stopped', async () => {
  const transport = inMemory();
  const us = await measureRoundTrip(transport, 20, 'inherit', 1000);
  expect(us).toBeGreaterThan(0);
  expect(transport.started).toBe(1);
  expect(liveWorkerPids()).toEqual([]);
});
