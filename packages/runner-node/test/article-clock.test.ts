import { liveWorkerCount, runHub, type TaskStamps } from '@tvp/core';
import { expect, test } from 'vitest';
import { workerThreads } from '../dist/index.js';

test("the article's clock on real threads: tasks run on the first workers while the last is starting", async () => {
  // 16 Node threads start in about 45 ms each on 2 cores: the last is ready hundreds of ms after the
  // first, which has by then run tasks of 20 ms.
  const r = await runHub({
    transport: workerThreads,
    workers: 16,
    task: 'io',
    params: { ioMs: 20, cpuIters: 0 },
    count: 100,
    timeoutMs: 30_000,
    answers: (id) => id,
    workerEnv: 'inherit',
    clock: 'article',
  });
  const st = r.stamps as TaskStamps;
  const readyAt = st.submittedAt + (r.sample.readyAtMs as number);
  const early = [...st.started].filter((t) => t < readyAt);
  expect(early.length).toBeGreaterThan(0);
  // A task that started early also finished before the last worker was ready, on the same clock.
  expect([...st.done].some((t) => t < readyAt)).toBe(true);
  expect(liveWorkerCount()).toBe(0);
});
