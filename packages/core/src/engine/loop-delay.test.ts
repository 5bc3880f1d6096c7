import { describe, expect, test } from 'vitest';
import { delayStats } from '../analysis/delay-stats.ts';
import { LOOP_DELAY_INTERVAL_MS } from '../constants.ts';
import { runMain } from './baselines.ts';
import { LoopDelayProbe } from './loop-delay.ts';

const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
  return 0;
};
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('delayStats', () => {
  test('nearest rank: every figure is a measured value', () => {
    const xs = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(delayStats(xs)).toEqual({ p50Ms: 100, p99Ms: 198, maxMs: 200, samples: 200 });
    // HDR's rank: round(99% of 57) = 56, the second largest.
    expect(delayStats(Array.from({ length: 57 }, (_, i) => i + 1))?.p99Ms).toBe(56);
    expect(delayStats([3])).toEqual({ p50Ms: 3, p99Ms: 3, maxMs: 3, samples: 1 });
    expect(delayStats([])).toBeUndefined();
  });
});

// Kept short: these spin the CPU, and other files' timing tests run beside them. A blocked main
// thread's delay and the agreement with monitorEventLoopDelay are checked on every runtime by each
// runner's loop-delay test (testkit's loopDelaySuite).
describe('LoopDelayProbe', () => {
  test('the async baseline stalls the loop for one task per lane in flight', async () => {
    const probe = new LoopDelayProbe();
    await runMain({
      mode: 'async',
      workers: 2,
      task: 'module',
      params: { ioMs: 0, cpuIters: 0 },
      count: 4,
      answers: () => 0,
      target: { fn: () => spin(10) },
      probe,
    });
    // Two lanes each run a task between two turns of the timer phase: 20 ms, not 10.
    expect(probe.result()?.p99Ms).toBeGreaterThanOrEqual(20 - LOOP_DELAY_INTERVAL_MS);
  });

  test('only measured windows count; stop is safe twice; the timer keeps nothing alive', async () => {
    const probe = new LoopDelayProbe();
    probe.measure = false;
    probe.start();
    spin(15);
    await pause(5);
    probe.stop();
    probe.stop();
    expect(probe.result()).toBeUndefined();
    probe.measure = true;
    probe.start();
    // An idle loop: ticks at 1, 3, 7, 15, 25, 35, ... ms (backing off to 10 ms).
    await pause(60);
    probe.stop();
    const d = probe.result();
    expect(d?.samples).toBeGreaterThan(5);
    // The unmeasured 15 ms stall is not in it; an idle loop is late by far less (a wide bound: a loaded machine).
    expect(d?.p50Ms).toBeLessThan(5);
  });

  test('backing off: an idle loop is woken less often, a busy one is still timed to the interval', async () => {
    const every = new LoopDelayProbe(1, false, { idleIntervalMs: 1 });
    const backs = new LoopDelayProbe(1, false, { idleIntervalMs: 10 });
    every.start();
    backs.start();
    await pause(60);
    every.stop();
    backs.stop();
    // Never more ticks than a fixed interval (a loaded machine makes ticks late, which resets it).
    expect(backs.result()?.samples).toBeLessThan(every.result()?.samples ?? 0);
    expect(backs.result()?.idleIntervalMs).toBe(10);
    expect(every.result()?.idleIntervalMs).toBeUndefined();

    // Back-to-back 10 ms stalls with a turn between: each tick is late, so the next is due in 1 ms.
    const busy = new LoopDelayProbe(1, false, { idleIntervalMs: 10 });
    await runMain({
      mode: 'sequential',
      workers: 1,
      task: 'module',
      params: { ioMs: 0, cpuIters: 0 },
      count: 6,
      answers: () => 0,
      target: { fn: () => spin(10) },
      probe: busy,
    });
    expect(busy.result()?.p50Ms).toBeGreaterThanOrEqual(10 - 1);
  });
});
