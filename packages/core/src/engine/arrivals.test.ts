import { describe, expect, test } from 'vitest';
import { median } from '../analysis/stats.ts';
import { ARRIVAL_SUSTAIN_SHARE } from '../constants.ts';
import type { Answers } from './answers.ts';
import { ArrivalDriver } from './arrival-driver.ts';
import { type ArrivalRun, arrivalPointOf } from './arrival-point.ts';
import { runArrivalHub, runArrivalMain, runArrivalPool } from './arrival-runs.ts';
import { arrivalSchedule, arrivalSeed } from './arrival-schedule.ts';
import { inMemory } from './in-memory.fixture.ts';
import { inMemoryPool } from './library-pool.fixture.ts';
import { liveWorkerCount } from './live-workers.ts';

const ids: Answers = (id) => id;
const IO_MS = 20;
const base = { params: { ioMs: IO_MS, cpuIters: 0 }, timeoutMs: 5000, workerEnv: 'inherit' as const, answers: ids };

describe('the arrival schedule', () => {
  test('fixed spacing is exactly 1000 / rate apart', () => {
    const s = arrivalSchedule('fixed', 40, 50, 1);
    for (let i = 0; i < s.length; i++) expect(s[i]).toBe(i * 25);
  });

  test('poisson: one seed gives one schedule; another seed another; the mean gap is 1000 / rate', () => {
    const a = arrivalSchedule('poisson', 100, 20_000, 7);
    expect(arrivalSchedule('poisson', 100, 20_000, 7)).toEqual(a);
    expect(arrivalSchedule('poisson', 100, 20_000, 8)).not.toEqual(a);
    const meanGap = (a[a.length - 1] as number) / (a.length - 1);
    expect(meanGap).toBeGreaterThan(10 * 0.97);
    expect(meanGap).toBeLessThan(10 * 1.03);
    // Exponential gaps: about 1 - 1/e of them are shorter than the mean.
    let short = 0;
    for (let i = 1; i < a.length; i++) if ((a[i] as number) - (a[i - 1] as number) < 10) short++;
    expect(short / (a.length - 1)).toBeCloseTo(1 - Math.exp(-1), 1);
  });

  test('each run and rate has its own seed, the same for every cell', () => {
    expect(arrivalSeed(1, 0, 0)).toBe(arrivalSeed(1, 0, 0));
    expect(new Set([arrivalSeed(1, 0, 0), arrivalSeed(1, 0, 1), arrivalSeed(1, 1, 0), arrivalSeed(2, 0, 0)]).size).toBe(
      4,
    );
  });

  test('the driver releases each arrival on time, within timer slack, never early', async () => {
    const schedule = arrivalSchedule('fixed', 100, 40, 1);
    const d = new ArrivalDriver(schedule, 1000, (id, lane) => queueMicrotask(() => d.answered(id, lane)));
    d.begin();
    await d.done;
    const late = Array.from(d.arrived, (a, i) => (d.dispatched[i] as number) - a);
    for (const l of late) expect(l).toBeGreaterThanOrEqual(0);
    // Due times themselves are exact: the schedule from the first arrival.
    for (let i = 0; i < schedule.length; i++)
      expect((d.arrived[i] as number) - (d.arrived[0] as number)).toBeCloseTo(i * 10, 6);
    expect(median(late)).toBeLessThan(5);
  });

  test('a busy lane queues arrivals in order; the longest-free lane takes the next', async () => {
    const order: Array<[number, number]> = [];
    const d = new ArrivalDriver(new Float64Array([0, 0, 0, 0]), 2, (id, lane) => {
      order.push([id, lane]);
      setTimeout(() => d.answered(id, lane), 5);
    });
    d.begin();
    await d.done;
    expect(order.map(([id]) => id)).toEqual([0, 1, 2, 3]);
    expect(order.slice(0, 2).map(([, lane]) => lane)).toEqual([0, 1]);
    expect(d.maxQueued).toBe(2);
  });
});

/** The point of one arrival run, as a sweep pools it. */
const pointOf = (rate: number, r: ArrivalRun) => arrivalPointOf(rate, [r], ARRIVAL_SUSTAIN_SHARE);

describe('a rate below capacity is served at that rate, each task in about its own time', () => {
  // 20 ms io tasks at 50/s: a third of three lanes' capacity. 150 measured tasks span 3 s: a stall
  // of a loaded machine (load 26 on 2 cores seen here) moves the fitted rate by a share of it over 3 s.
  const schedule = arrivalSchedule('fixed', 50, 160, 1);
  const check = (r: ArrivalRun) => {
    const p = pointOf(50, r);
    expect(p?.sustained).toBe(true);
    expect(Math.abs((p?.throughput as number) / 50 - 1)).toBeLessThan(0.05);
    expect(p?.responseMs.p50).toBeGreaterThanOrEqual(IO_MS - 1);
    // Near the task's own time: bounds wide enough for a 2-core machine shared with other work
    // (measured here at 89% of the CPU taken by others: p50 went from 21 ms to 61 ms once).
    expect(p?.responseMs.p50).toBeLessThan(IO_MS * 4);
    expect(p?.queueMs.p50).toBeLessThan(IO_MS * 2);
    expect(p?.tasks).toBe(150);
  };
  test('async on the main thread, 3 in flight', async () => {
    check(await runArrivalMain({ ...base, mode: 'async', workers: 3, task: 'io', count: 150, schedule, warmup: 10 }));
  });
  test('in-memory workers, 3', async () => {
    const transport = inMemory();
    check(await runArrivalHub({ ...base, transport, workers: 3, task: 'io', count: 150, schedule, warmup: 10 }));
    expect(transport.exited).toBe(3);
    expect(liveWorkerCount()).toBe(0);
  });
  test('an in-memory library pool, 3 workers', async () => {
    const pool = inMemoryPool();
    check(await runArrivalPool({ ...base, pool, workers: 3, task: 'io', count: 150, schedule, warmup: 10 }));
    expect(pool.log.destroyed).toBe(1);
  });
});

describe('a rate above capacity is reported as not sustained', () => {
  test('sequential: 20 ms tasks (50/s at best) arriving at 200/s', async () => {
    const schedule = arrivalSchedule('fixed', 200, 50, 1);
    const r = await runArrivalMain({
      ...base,
      mode: 'sequential',
      workers: 1,
      task: 'io',
      count: 40,
      schedule,
      warmup: 10,
    });
    const p = pointOf(200, r);
    expect(p?.sustained).toBe(false);
    expect(p?.throughput).toBeLessThan(200 * 0.5);
    // The queue grew through the run: the last arrivals waited for most of the backlog.
    expect(p?.maxQueued).toBeGreaterThan(20);
  });

  test('blocking tasks on the main thread: arrivals meanwhile count from when they were due', async () => {
    // cpu work of about 10+ ms blocks the loop; 100/s arrive during it.
    const params = { ioMs: 0, cpuIters: 3_000_000 };
    const { expectedAnswers } = await import('./answers.ts');
    const t = performance.now();
    const answers = (await expectedAnswers('cpu', params, 40)) as Answers;
    const taskMs = (performance.now() - t) / 40;
    const schedule = arrivalSchedule('fixed', 1000, 40, 1);
    const r = await runArrivalMain({
      ...base,
      params,
      answers,
      mode: 'async',
      workers: 4,
      task: 'cpu',
      count: 30,
      schedule,
      warmup: 10,
    });
    const p = pointOf(1000, r);
    expect(p?.sustained).toBe(false);
    // All 40 arrive within 40 ms while each blocks the loop for taskMs: the last waits for most.
    expect(p?.responseMs.max).toBeGreaterThan(15 * taskMs);
    expect(p?.queueMs.max).toBeGreaterThan(10 * taskMs);
  });
});

describe("a sampler's reading becomes the point's loopDelay", () => {
  test('started and stopped around each run, read once per rate', async () => {
    const { runArrivalCell } = await import('./arrival-cell.ts');
    const calls: string[] = [];
    const cell = { task: 'io', mode: 'async', impl: 'main', workers: 2, status: 'ok', samples: [] } as const;
    const c = { ...cell, samples: [...cell.samples] } as import('../format/types.ts').Cell;
    const arrival = {
      rates: [100],
      kind: 'fixed',
      seed: 1,
      warmupMin: 2,
      warmupPerWorker: 1,
      sustainShare: 0.9,
    } as const;
    await runArrivalCell(
      c,
      { ...arrival, rates: [...arrival.rates] },
      5,
      2,
      (o) => runArrivalMain({ ...base, mode: 'async', workers: 2, task: 'noop', count: 5, ...o }),
      () => ({
        start: () => calls.push('start'),
        stop: () => calls.push('stop'),
        result: () => ({ p50Ms: 0.1, p99Ms: 0.5, maxMs: 0.7, samples: 9, method: 'timer-drift' }),
      }),
    );
    expect(calls).toEqual(['start', 'stop', 'start', 'stop']);
    expect(c.arrivals?.[0]?.loopDelay).toEqual({ p50Ms: 0.1, p99Ms: 0.5, maxMs: 0.7, samples: 9 });
    expect(c.arrivals?.[0]?.tasks).toBe(10);
  });
});

describe('a sweep with --arrival-rate', () => {
  test('every ok cell gets one point per rate after its batch runs, cpu answers checked for the warm-up ids too', async () => {
    const { runSweep } = await import('./sweep.ts');
    const { preset } = await import('../cli/presets.ts');
    const r = await runSweep({
      config: {
        ...preset('quick'),
        tasks: ['cpu'],
        modes: ['threads', 'sequential', 'async'],
        impls: ['in-memory'],
        workers: [6],
        workerEnv: 'inherit',
        preset: 'quick',
        count: 8,
        repeat: 1,
        warmup: 0,
        ioMs: 2,
        cpuIters: 1000,
        arrival: { rates: [200, 400], kind: 'fixed', seed: 1, warmupMin: 10, warmupPerWorker: 2, sustainShare: 0.9 },
      },
      transports: [inMemory()],
    });
    expect(r.cells.map((c) => [c.mode, c.status, c.error])).toEqual([
      ['sequential', 'ok', undefined],
      ['threads', 'ok', undefined],
      ['async', 'ok', undefined],
    ]);
    for (const c of r.cells) {
      expect(c.samples).toHaveLength(1);
      expect(c.arrivals?.map((p) => [p.rate, p.tasks])).toEqual([
        [200, 8],
        [400, 8],
      ]);
    }
  });
});
