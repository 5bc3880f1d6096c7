import { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { fromAnswerWire } from './answer-wire.ts';
import { sharedNow } from './shared-clock.ts';
import { WORKER_CLOCK, workerNow, workerStampsToShared } from './worker-clock.ts';
import { workerEntry } from './worker-entries.ts';

describe("the worker's clock on Node", () => {
  test('is hrtime, and a stamp mapped by the hub lies between two reads of its own clock', () => {
    expect(WORKER_CLOCK).toBe('hrtime');
    const toShared = workerStampsToShared();
    for (let i = 0; i < 100; i++) {
      const before = sharedNow();
      const stamp = toShared(workerNow());
      const after = sharedNow();
      // 1 µs for the doubles' rounding near 1.8e12 ms (0.24 µs a step) and the offset's own.
      expect(stamp).toBeGreaterThanOrEqual(before - 0.001);
      expect(stamp).toBeLessThanOrEqual(after + 0.001);
    }
    expect(Number.isNaN(toShared(Number.NaN))).toBe(true);
  });

  test("a fresh thread stamps its first task without loading Node's performance, on the hub's timeline", async () => {
    // Core's built thread entry, its port wrapped to tell whether `performance` (perf_hooks) was
    // loaded by the time the first answer left.
    const src = `
      const { parentPort } = require('node:worker_threads');
      const post = parentPort.postMessage.bind(parentPort);
      parentPort.postMessage = (m, t) =>
        Array.isArray(m)
          ? post({ answer: m, perfLoaded: process.moduleLoadList.includes('NativeModule perf_hooks') }, t)
          : post(m, t);
      require(${JSON.stringify(workerEntry('thread').pathname)});`;
    const w = new Worker(src, { eval: true });
    try {
      const next = () =>
        new Promise<{ t?: string; answer?: unknown; perfLoaded?: boolean }>((ok) => w.once('message', ok));
      expect((await next()).t).toBe('ready');
      const sent = sharedNow();
      const answer = next();
      w.postMessage({ t: 'task', id: 7, kind: 'noop' });
      // The answer comes compact (answer-wire.ts), with its two stamps.
      const { answer: wire, perfLoaded } = await answer;
      const received = sharedNow();
      expect(perfLoaded).toBe(false);
      expect(wire).toHaveLength(4);
      const m = fromAnswerWire(wire);
      expect(m).toMatchObject({ t: 'done', id: 7, value: 7 });
      if (m?.t !== 'done') return;
      const toShared = workerStampsToShared();
      const [started, done] = [toShared(m.startedAt as number), toShared(m.doneAt as number)];
      expect(started).toBeGreaterThanOrEqual(sent - 0.001);
      expect(done).toBeGreaterThanOrEqual(started);
      expect(done).toBeLessThanOrEqual(received + 0.001);
    } finally {
      await w.terminate();
    }
  });
});
