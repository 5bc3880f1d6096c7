import { describe, expect, test } from 'vitest';
import { runMain } from './baselines.ts';
import { runHub } from './hub-run.ts';
import { inMemory } from './in-memory.fixture.ts';
import { liveWorkerCount } from './live-workers.ts';
import { TaskStamps, taskTimesOf } from './task-times.ts';

const base = {
  params: { ioMs: 5, cpuIters: 0 },
  timeoutMs: 5000,
  workerEnv: 'inherit' as const,
  answers: (id: number) => id,
};

describe("runHub, the article's clock", () => {
  test('tasks start on the first workers while the last is still starting', async () => {
    // Worker i is ready after 15 i ms: the last of 6 after 75 ms, long after the first tasks ran.
    const transport = inMemory(undefined, { readyDelayMs: (i) => 15 * i });
    const r = await runHub({ ...base, transport, workers: 6, task: 'io', count: 30, clock: 'article' });
    const st = r.stamps as TaskStamps;
    const readyAt = st.submittedAt + (r.sample.readyAtMs as number);
    const early = [...st.started].filter((t) => t < readyAt);
    expect(early.length).toBeGreaterThan(0);
    expect(r.sample.readyAtMs).toBeGreaterThanOrEqual(75 * 0.9);
    // Spawn is until the first worker was ready: well before the last.
    expect(r.sample.spawnMs).toBeLessThan(r.sample.readyAtMs as number);
    expect(transport.exited).toBe(6);
    expect(liveWorkerCount()).toBe(0);
  });

  test('the phases clock never starts a task before every worker is ready', async () => {
    const transport = inMemory(undefined, { readyDelayMs: (i) => 15 * i });
    const r = await runHub({ ...base, transport, workers: 6, task: 'io', count: 30 });
    const st = r.stamps as TaskStamps;
    expect(r.sample.readyAtMs).toBeUndefined();
    // Tasks are submitted when the work phase starts, after the spawn phase (every worker ready).
    expect(Math.min(...st.started)).toBeGreaterThanOrEqual(st.submittedAt);
    expect(r.sample.spawnMs).toBeGreaterThanOrEqual(75 * 0.9);
  });

  test('fewer tasks than workers: every worker still starts and leaves', async () => {
    const transport = inMemory(undefined, { readyDelayMs: (i) => 5 * i });
    const r = await runHub({ ...base, transport, workers: 5, task: 'noop', count: 2, clock: 'article' });
    expect(transport.started).toBe(5);
    expect(transport.exited).toBe(5);
    expect(r.sample.readyAtMs).toBeLessThanOrEqual(r.sample.totalMs);
  });

  test('a worker that never becomes ready fails the run after --timeout-ms', async () => {
    const transport = inMemory(undefined, { readyDelayMs: (i) => (i === 2 ? 60_000 : 0) });
    await expect(
      runHub({ ...base, transport, workers: 3, task: 'io', count: 6, clock: 'article', timeoutMs: 100 }),
    ).rejects.toThrow(/workers not ready after 100 ms/);
    expect(liveWorkerCount()).toBe(0);
  });
});

describe('per-task times', () => {
  test('the main thread: queue wait and run, nothing returned; the last answer ends the work', async () => {
    const r = await runMain({ ...base, mode: 'async', workers: 2, task: 'io', count: 10 });
    const t = taskTimesOf([r.stamps as TaskStamps]);
    expect(t?.method).toBe('main-thread');
    expect(t?.returnMs).toBeUndefined();
    expect(t?.tasks).toBe(10);
    // 10 waits of 5 ms two at a time: the last answer comes after 5 rounds.
    expect(t?.responseMs.max).toBeGreaterThanOrEqual(5 * 5 * 0.9);
    expect(t?.responseMs.max).toBeLessThanOrEqual(r.sample.workMs + 0.01);
    // A task's run is its wait: positive for every task, and about 5 ms for most. Not 4.5 ms for
    // every one: a timer is set against the loop's clock, read when the loop's turn began, so a turn
    // stretched by a loaded machine makes a timer end early against performance.now() (a min of
    // 4.44 ms in 1 of 8 runs at a load of 25 on 2 cores). The median needs half the tasks cut short.
    expect(t?.runMs?.min).toBeGreaterThan(0);
    expect(t?.runMs?.p50).toBeGreaterThanOrEqual(5 * 0.9);
    expect(t?.queueMs?.min).toBeGreaterThanOrEqual(0);
  });

  test('percentiles over every task of every run, by nearest rank', () => {
    const runs = [0, 100].map((offset) => {
      const s = new TaskStamps(50, 'time-origin');
      s.submittedAt = offset;
      for (let i = 0; i < 50; i++) {
        s.started[i] = offset + i;
        s.done[i] = offset + i + 1;
        s.received[i] = offset + i + 1.5;
      }
      return s;
    });
    const t = taskTimesOf(runs);
    expect(t?.tasks).toBe(100);
    // Queue waits 0..49 twice: p50 is the 50th of 100 (24), p99 the 99th (49).
    expect(t?.queueMs).toEqual({ min: 0, p50: 24, p90: 44, p99: 49, max: 49 });
    expect(t?.runMs).toEqual({ min: 1, p50: 1, p90: 1, p99: 1, max: 1 });
    expect(t?.returnMs?.p50).toBeCloseTo(0.5, 9);
    expect(t?.responseMs.max).toBe(50.5);
  });

  test('a library pool: only the response is known', () => {
    const s = new TaskStamps(3, 'hub');
    s.submittedAt = 0;
    s.received.splice(0, 3, 1, 2, 3);
    const t = taskTimesOf([s]);
    expect(t).toEqual({ method: 'hub', tasks: 3, responseMs: { min: 1, p50: 2, p90: 3, p99: 3, max: 3 } });
  });

  test('no runs, or runs of different methods: no times', () => {
    expect(taskTimesOf([])).toBeUndefined();
    expect(taskTimesOf([new TaskStamps(1, 'hub'), new TaskStamps(1, 'time-origin')])).toBeUndefined();
  });
});
