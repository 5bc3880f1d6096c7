import { LOOP_DELAY_INTERVAL_MS, LoopDelayProbe, runMain } from '@tvp/core';
import { expect, test } from 'vitest';

const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
  return 0;
};
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Tolerance: one sampler interval plus 5%. Both tick at the same interval on the same loop, so
// they see the same stalls; HDR's buckets and the ticks' phase make up the rest.
const agrees = (a: number, b: number) => Math.abs(a - b) <= LOOP_DELAY_INTERVAL_MS + 0.05 * Math.max(a, b);

/**
 * The event-loop delay sampler on this runtime: a blocked main thread shows its stall, and where
 * `perf_hooks.monitorEventLoopDelay` measures the same thing (Node, Bun) the two agree.
 */
export function loopDelaySuite(runtime: string, hasMonitor: boolean): void {
  test(`on ${runtime}'s main thread, a task that blocks 20 ms shows an event-loop p99 of at least that, within the sampler's interval`, async () => {
    const probe = new LoopDelayProbe();
    await runMain({
      mode: 'sequential',
      workers: 1,
      task: 'module',
      params: { ioMs: 0, cpuIters: 0 },
      count: 8,
      answers: () => 0,
      target: { fn: () => spin(20) },
      probe,
    });
    const d = probe.result();
    // A tick due inside a stall of D fires at its end: late by D minus at most one interval.
    expect(d?.p99Ms).toBeGreaterThanOrEqual(20 - LOOP_DELAY_INTERVAL_MS);
    expect(d?.p50Ms).toBeGreaterThanOrEqual(20 - LOOP_DELAY_INTERVAL_MS);
  });

  test(hasMonitor
    ? `on ${runtime}, the sampler agrees with perf_hooks' monitorEventLoopDelay over the same windows`
    : `on ${runtime}, no monitor is recorded (its monitorEventLoopDelay does not measure a stall)`, async () => {
    // Stalls of 2 to 20 ms with a turn between: both timers see each one. A loaded machine adds
    // stalls of its own that the two timers' ticks catch differently: the best of 3 attempts counts.
    // The sampler at a fixed interval (cells back off when idle, which a 2 ms stall may not undo)
    // with the monitor beside it at the same interval, which cells leave out.
    let problems: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const probe = new LoopDelayProbe(LOOP_DELAY_INTERVAL_MS, true, { idleIntervalMs: LOOP_DELAY_INTERVAL_MS });
      for (let w = 0; w < 3; w++) {
        probe.start();
        for (let k = 0; k < 40; k++) {
          spin(2 + (k % 10) * 2);
          await turn();
        }
        probe.stop();
        await pause(20);
      }
      const d = probe.result();
      expect(d?.p99Ms).toBeGreaterThanOrEqual(20 - LOOP_DELAY_INTERVAL_MS);
      const m = d?.monitor;
      if (!hasMonitor) {
        expect(m).toBeUndefined();
        return;
      }
      if (!d || !m) throw new Error('no monitor figure');
      problems = (['p50Ms', 'p99Ms', 'maxMs'] as const)
        .filter((k) => !agrees(d[k], m[k]))
        .map((k) => `${k}: sampler ${d[k]} ms, monitor ${m[k]} ms`);
      // One tick more or less per window: where each timer stood when the window closed.
      if (Math.abs(d.samples - m.samples) > 2 * 3) problems.push(`samples: ${d.samples} against ${m.samples}`);
      if (problems.length === 0) break;
    }
    expect(problems).toEqual([]);
  }, 60_000);
}
