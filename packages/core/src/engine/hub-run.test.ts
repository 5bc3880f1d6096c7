import { describe, expect, test } from 'vitest';
import { HubError, RunAborted } from '../errors.ts';
import { type Answers, expectedAnswers } from './answers.ts';
import { runMain } from './baselines.ts';
import { runHub, taskFields } from './hub-run.ts';
import { inMemory } from './in-memory.fixture.ts';
import { liveWorkerCount } from './live-workers.ts';
import { cpuWork } from './tasks.ts';
import type { Transport } from './transport.ts';
import { measureRoundTrip } from './yardstick.ts';

const base = { params: { ioMs: 2, cpuIters: 1000 }, timeoutMs: 2000, workerEnv: 'inherit' as const };
const cpuAnswers = (await expectedAnswers('cpu', base.params, 100)) as Answers;
const ids: Answers = (id) => id;
const answersOf = (task: 'io' | 'cpu' | 'noop') => (task === 'cpu' ? cpuAnswers : ids);

describe('runHub', () => {
  test.each(['io', 'cpu', 'noop'] as const)('%s: every task answered and checked, every worker gone', async (task) => {
    const transport = inMemory();
    const t0 = performance.now();
    const r = await runHub({ ...base, transport, workers: 3, task, count: 10, answers: answersOf(task) });
    const wall = performance.now() - t0;
    expect(transport.started).toBe(3);
    expect(transport.exited).toBe(3);
    expect(liveWorkerCount()).toBe(0);
    // The phases are timed inside the call: together they fit in the wall clock around it.
    expect(r.sample.totalMs).toBeLessThanOrEqual(wall);
    if (task === 'io') expect(r.sample.workMs).toBeGreaterThanOrEqual(2 * Math.ceil(10 / 3) * 0.9);
  });

  test('each phase times what it says: a slow start is spawn, a slow exit is teardown', async () => {
    const transport = inMemory(undefined, { readyDelayMs: 60, exitDelayMs: 40 });
    const r = await runHub({ ...base, transport, workers: 2, task: 'io', count: 4, answers: ids });
    expect(r.sample.spawnMs).toBeGreaterThanOrEqual(55);
    expect(r.sample.spawnMs).toBeLessThan(60 + 200);
    expect(r.sample.teardownMs).toBeGreaterThanOrEqual(35);
    expect(r.sample.teardownMs).toBeLessThan(40 + 200);
    // 4 tasks of 2 ms on 2 workers: two rounds of waits, not the start nor the exit.
    expect(r.sample.workMs).toBeGreaterThanOrEqual(2 * 2 * 0.9);
    expect(r.sample.workMs).toBeLessThan(40);
  });

  test('more workers than tasks: idle workers still start and stop', async () => {
    const transport = inMemory();
    await runHub({ ...base, transport, workers: 5, task: 'noop', count: 2, answers: ids });
    expect(transport.started).toBe(5);
  });

  test('a wrong cpu answer fails the run: no runtime can skip the work', async () => {
    const transport = inMemory((m) => (m.t === 'done' ? { ...m, value: (m.value as number) + 1 } : m));
    await expect(
      runHub({ ...base, transport, workers: 2, task: 'cpu', count: 4, answers: cpuAnswers }),
    ).rejects.toThrow(/answered \d+, expected \d+: the work was not done as asked/);
  });

  test('a task that throws fails the run with its error name and message', async () => {
    const transport = inMemory();
    const err = await runHub({
      ...base,
      transport,
      workers: 2,
      task: 'noop',
      count: 6,
      answers: ids,
      fault: 'throw',
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as Error).message).toMatch(/task 3 failed in worker \d: InjectedFault: task failed on purpose/);
  });

  test('a worker that never answers times out, and is killed', async () => {
    const transport = inMemory((m) => (m.t === 'done' ? undefined : m));
    const t0 = performance.now();
    await expect(
      runHub({ ...base, timeoutMs: 100, transport, workers: 1, task: 'noop', count: 3, answers: ids }),
    ).rejects.toThrow(/task 0 in worker 1 ran past 100 ms \(--timeout-ms\)/);
    // Flagged only once it has run the whole timeout, and soon after (two ticks of 12.5 ms past it).
    expect(performance.now() - t0).toBeGreaterThanOrEqual(100);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  test('tasks that each end within the timeout are never taken for a hung one, however long they run together', async () => {
    // 12 waits of 30 ms on one worker: 360 ms in all, more than three times the timeout.
    const r = await runHub({
      ...base,
      params: { ioMs: 30, cpuIters: 0 },
      timeoutMs: 100,
      transport: inMemory(),
      workers: 1,
      task: 'io',
      count: 12,
      answers: ids,
    });
    expect(r.sample.workMs).toBeGreaterThan(300);
  });

  test('a worker that never gets ready fails the spawn phase', async () => {
    const transport = inMemory((m) => (m.t === 'ready' ? undefined : m));
    await expect(
      runHub({ ...base, timeoutMs: 80, transport, workers: 2, task: 'noop', count: 3, answers: ids }),
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
      answers: ids,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 30);
    await expect(p).rejects.toBeInstanceOf(RunAborted);
    expect(liveWorkerCount()).toBe(0);
  });

  test('a transport that throws on start fails the run', async () => {
    const transport: Transport = {
      mode: 'processes',
      impl: 'broken',
      start: () => {
        throw new Error('no such file');
      },
    };
    await expect(runHub({ ...base, transport, workers: 1, task: 'noop', count: 1, answers: ids })).rejects.toThrow(
      /could not start worker 1 of 1: no such file/,
    );
  });
});

describe('runMain', () => {
  test('sequential runs one task at a time; async overlaps io waits', async () => {
    const params = { ioMs: 10, cpuIters: 0 };
    const seq = await runMain({ mode: 'sequential', workers: 4, task: 'io', params, count: 8, answers: ids });
    const par = await runMain({ mode: 'async', workers: 4, task: 'io', params, count: 8, answers: ids });
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
      answers: cpuAnswers,
    });
    expect(r.sample.workMs).toBeGreaterThan(0);
    await expect(
      runMain({
        mode: 'sequential',
        workers: 1,
        task: 'cpu',
        params: { ioMs: 0, cpuIters: 1000 },
        count: 3,
        answers: (id) => (cpuAnswers(id) as number) + 1,
      }),
    ).rejects.toThrow(/answered/);
  });

  test.each(['sequential', 'async'] as const)(
    '%s cpu: an abort stops the run after the task in progress, not at the end of the run',
    async (mode) => {
      // About 10 ms a task here, 20 with its check: 200 tasks take 4 s; the abort comes at 150 ms.
      const params = { ioMs: 0, cpuIters: 6_000_000 };
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const t0 = performance.now();
      const p = runMain({
        mode,
        workers: 2,
        task: 'cpu',
        params,
        count: 200,
        answers: (id) => cpuWork(params.cpuIters, id),
        signal: controller.signal,
      });
      await expect(p).rejects.toBeInstanceOf(RunAborted);
      expect(performance.now() - t0).toBeLessThan(150 + 400);
    },
  );
});

test('the cpu answer depends on the seed from the first round: none is derivable from another', () => {
  const a = cpuWork(1000, 0);
  const b = cpuWork(1000, 1);
  expect(a).not.toBe(b);
  // Before, cpuWork(n, s) was cpuWork(n, 0) ^ s: one answer gave them all.
  expect(b).not.toBe((a ^ 1) >>> 0);
  expect(cpuWork(1000, 7)).not.toBe((a ^ 7) >>> 0);
});

describe('measureRoundTrip', () => {
  test('the mean of count pings to one fresh worker, which is then stopped', async () => {
    const transport = inMemory();
    const us = await measureRoundTrip(transport, 20, 'inherit', 1000);
    expect(us).toBeGreaterThan(0);
    expect(transport.started).toBe(1);
    expect(transport.exited).toBe(1);
    expect(liveWorkerCount()).toBe(0);
  });

  test('a lost reply fails the run after --timeout-ms instead of hanging it', async () => {
    let pongs = 0;
    const transport = inMemory((m) => (m.t === 'pong' && ++pongs === 5 ? undefined : m));
    const t0 = performance.now();
    await expect(measureRoundTrip(transport, 20, 'inherit', 150)).rejects.toThrow(/ran past 150 ms/);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(liveWorkerCount()).toBe(0);
  });
});

test('workers whose exit is reported inside kill() itself are not waited for (Deno reports it so)', async () => {
  const transport: Transport = {
    mode: 'threads',
    impl: 'sync-exit',
    start(events) {
      let gone = false;
      setTimeout(() => events.message({ t: 'ready', rssBytes: 0 }), 1);
      return {
        send: () => {},
        kill: () => {
          if (gone) return;
          gone = true;
          events.exit({ code: null, signal: null }); // synchronously, inside kill()
        },
      };
    },
  };
  const t0 = performance.now();
  await expect(
    runHub({ ...base, timeoutMs: 100, transport, workers: 2, task: 'noop', count: 2, answers: ids }),
  ).rejects.toThrow(/ran past 100 ms/);
  // Before, the hub waited out the whole 2 s kill wait for exits it had already seen.
  expect(performance.now() - t0).toBeLessThan(1000);
  expect(liveWorkerCount()).toBe(0);
});

describe('what a task message carries beside its id and kind', () => {
  test('only the field its kind reads', () => {
    const params = { ioMs: 5, cpuIters: 1000 };
    expect(taskFields({ task: 'noop', params })).toEqual({});
    expect(taskFields({ task: 'payload', params })).toEqual({});
    expect(taskFields({ task: 'fs', params })).toEqual({});
    expect(taskFields({ task: 'cpu', params })).toEqual({ cpuIters: 1000 });
    expect(taskFields({ task: 'io', params })).toEqual({ ioMs: 5 });
    expect(taskFields({ task: 'module', params, arg: [1, 2] })).toEqual({ arg: [1, 2] });
  });
});
