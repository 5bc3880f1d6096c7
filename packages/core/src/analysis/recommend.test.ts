import { describe, expect, test } from 'vitest';
import type { Cell, Mode, ResultFile, Sample } from '../format/types.ts';
import { ratioInterval } from './bootstrap.ts';
import { recommend } from './recommend.ts';
import { sentence, undecided } from './recommend-words.ts';

const COUNT = 100;

/** Five samples whose totals have median `total` and range total +- spread; spawn as given. */
function samples(total: number, spread: number, spawnMs = 0): Sample[] {
  return [-1, -0.5, 0, 0.5, 1].map((k) => {
    const totalMs = total + k * spread;
    return { totalMs, spawnMs, workMs: totalMs - spawnMs, teardownMs: 0 };
  });
}

const cell = (task: Cell['task'], mode: Mode, impl: string, workers: number, s: Sample[]): Cell => ({
  task,
  mode,
  impl,
  workers,
  status: 'ok',
  samples: s,
});

const run = (cores: number, cells: Cell[]) =>
  ({
    env: { cores, availableParallelism: cores },
    config: { count: COUNT, tasks: [...new Set(cells.map((c) => c.task))] },
    cells,
  }) as unknown as ResultFile;

const rounds = (n: number, lanes = n) => Math.ceil(COUNT / Math.min(n, lanes));
const N = [1, 2, 3, 4, 5, 6, 7, 8];

/** io on 20 ms waits: the event loop pays 3 ms, threads 20 + 15 N ms to start, processes 60 + 40 N. */
function ioCells(): Cell[] {
  return N.flatMap((n) => {
    const work = 20 * rounds(n);
    return [
      cell('io', 'async', 'main', n, samples(work + 3, 4)),
      cell('io', 'threads', 'worker_threads', n, samples(20 + 15 * n + work, 4, 20 + 15 * n)),
      cell('io', 'processes', 'child_process', n, samples(60 + 40 * n + work, 4, 60 + 40 * n)),
    ];
  });
}

/** cpu of 10 ms a task on 2 cores, 5% lost per worker past the cores; spawn as for io. */
function cpuCells(processesPenaltyMs: number, spread: number): Cell[] {
  return N.flatMap((n) => {
    const work = 10 * rounds(n, 2) * (1 + 0.05 * Math.max(0, n - 2));
    return [
      cell('cpu', 'sequential', 'main', 1, samples(1000, spread)),
      cell('cpu', 'threads', 'worker_threads', n, samples(20 + 15 * n + work + 5, spread, 20 + 15 * n)),
      cell('cpu', 'processes', 'child_process', n, samples(20 + 15 * n + work + 5 + processesPenaltyMs, spread, 60)),
    ].filter((c) => c.mode !== 'sequential' || n === 1);
  });
}

describe('recommend', () => {
  test('async wins io: the event loop, 8 in flight, and what a worker would cost to start', () => {
    const [io] = recommend(run(2, ioCells()));
    if (!io?.ok) throw new Error(JSON.stringify(io));
    // async: 2003 ms at 1, 263 at 8 (13 rounds): 7.62x; at 7 (15 rounds) 303 is below 90% of the best.
    expect(io.sentence).toBe('IO: the event loop (async), 8 in flight, 7.62x; workers pay 15 ms each to start');
    expect([io.mode, io.impl, io.workers, io.decided]).toEqual(['async', 'main', 8, true]);
    expect(io.speedup).toBeCloseTo(2003 / 263, 10);
    expect(io.evidence.best).toEqual({
      mode: 'async',
      impl: 'main',
      workers: 8,
      medianTotalMs: 263,
      minTotalMs: 259,
      maxTotalMs: 267,
      samples: 5,
    });
    expect(io.evidence.others.map((o) => [o.mode, o.workers, o.medianTotalMs])).toEqual([
      ['threads', 8, 400],
      ['processes', 6, 640], // 6 and 8 tie at 640 ms: the first of equals
    ]);
    expect(io.evidence.spawn?.perWorkerMs).toBeCloseTo(15, 9);
    expect(io.evidence.spawn?.mode).toBe('threads');
  });

  test('threads win cpu at N = cores: knee at 2, more buys nothing', () => {
    const recs = recommend(run(2, cpuCells(60, 4)));
    expect(recs.map((r) => r.task)).toEqual(['cpu']);
    const [cpu] = recs;
    if (!cpu?.ok) throw new Error(JSON.stringify(cpu));
    // threads: 1040 ms at 1 worker, 555 at 2 (the best); 595 at 3 is past the best.
    expect(cpu.sentence).toBe('CPU: threads, 2 workers = cores, 1.87x; more buys nothing');
    expect([cpu.mode, cpu.workers, cpu.decided]).toEqual(['threads', 2, true]);
    expect(cpu.evidence.baseline?.medianTotalMs).toBe(1040);
    expect(cpu.evidence.knee).toBe(cpu.evidence.best);
    expect(cpu.evidence.spawn).toBeUndefined();
  });

  test('the speedup comes with its exact bootstrap interval: 1 worker against the knee', () => {
    const [cpu] = recommend(run(2, cpuCells(60, 4)));
    if (!cpu?.ok) throw new Error(JSON.stringify(cpu));
    const iv = cpu.speedupInterval;
    if (iv === undefined) throw new Error('no speedupInterval');
    // threads at 1: 1036..1044 ms; at 2: 551..559 ms. The ratio's extremes bound the interval.
    expect(iv.estimate).toBeCloseTo(cpu.speedup as number, 12);
    expect([iv.level, iv.method, iv.n]).toEqual([0.95, 'exact-bootstrap', [5, 5]]);
    expect(iv.lo).toBeLessThan(iv.estimate);
    expect(iv.hi).toBeGreaterThan(iv.estimate);
    expect(iv.lo).toBeGreaterThanOrEqual(1036 / 559);
    expect(iv.hi).toBeLessThanOrEqual(1044 / 551);
    const at = (n: number) => samples(20 + 15 * n + 10 * rounds(n, 2) + 5, 4).map((s) => s.totalMs);
    expect(iv).toEqual(ratioInterval(at(1), at(2)));
  });

  test('no speedup interval where the knee is the 1-worker cell or a cell has one sample', () => {
    const flat = [1, 2, 4].map((n) => cell('io', 'threads', 'wt', n, samples(1000, 2)));
    const [a] = recommend(run(2, flat));
    if (!a?.ok) throw new Error(JSON.stringify(a));
    expect([a.workers, a.speedup, a.speedupInterval]).toEqual([1, 1, undefined]);
    const single = [1, 2].map((n) => cell('io', 'threads', 'wt', n, samples(2000 / n, 2).slice(2, 3)));
    const [b] = recommend(run(2, single));
    if (!b?.ok) throw new Error(JSON.stringify(b));
    expect([b.workers, b.speedup, b.speedupInterval]).toEqual([2, 2, undefined]);
  });

  test('the data cannot decide: totals inside each other ranges', () => {
    // processes 10 ms slower at every count, but each run spreads +-20 ms.
    const [cpu] = recommend(run(2, cpuCells(10, 20)));
    if (!cpu?.ok) throw new Error(JSON.stringify(cpu));
    expect(cpu.decided).toBe(false);
    expect(cpu.sentence).toBe(
      'CPU: threads or processes: no difference shown; 2 workers = cores, 1.87x; more buys nothing',
    );
    expect(cpu.evidence.others[0]).toMatchObject({ mode: 'processes', workers: 2, medianTotalMs: 565 });
  });

  test('no worker cells: the event loop, and it says no worker was measured', () => {
    const cells = ioCells().filter((c) => c.mode === 'async');
    cells.push(cell('io', 'sequential', 'main', 1, samples(2000, 4)));
    const [io] = recommend(run(2, cells));
    if (!io?.ok) throw new Error(JSON.stringify(io));
    expect(io.sentence).toBe('IO: the event loop (async), 8 in flight, 7.62x; no workers were measured');
    expect(io.evidence.spawn).toBeUndefined();
  });

  test('async "winning" cpu work by a speedup one thread cannot have: said to be noise, not parallelism', () => {
    // As a loaded run did: async at 1 in flight 3033 ms, at 2 in flight 1100 ms, threads 1444 ms.
    const cells = [
      cell('cpu', 'sequential', 'main', 1, samples(2226, 300)),
      cell('cpu', 'async', 'main', 1, samples(3033, 900)),
      cell('cpu', 'async', 'main', 2, samples(1100, 50)),
      cell('cpu', 'threads', 'worker_threads', 1, samples(2858, 500, 40)),
      cell('cpu', 'threads', 'worker_threads', 2, samples(1452, 500, 80)),
    ];
    const [cpu] = recommend(run(2, cells));
    if (!cpu?.ok) throw new Error(JSON.stringify(cpu));
    expect(cpu.mode).toBe('async');
    // It leads with what the run shows, never with the 2.76x as if it were a gain: its interval
    // lies above 1, so a difference, but not one a single thread can make on CPU work.
    expect(cpu.sentence).toMatch(
      /^CPU: no difference shown between the event loop \(async\) and threads; no gain from more in flight: the event loop \(async\) read 2\.76x \(95% interval ([0-9.]+)–[0-9.]+x\) at 2 in flight against 1, but one thread cannot speed up CPU work: that is other load or warm-up; /,
    );
    expect(cpu.sentence).not.toContain('and at 1: 2.76x');
    expect(cpu.tail).toBe('workers pay 40 ms each to start');
    // The flag a page reads instead of the words: the same rule, so they never disagree.
    expect(cpu.caveat).toBe('async-cpu-noise');
    // On io the same speedup is the event loop overlapping waits: no such words.
    const io = recommend(run(2, ioCells()))[0];
    expect(io?.ok && io.sentence).not.toMatch(/noise/);
    expect(io?.ok && io.caveat).toBeUndefined();
  });

  test('workers past what the cores allow on cpu work: the sentence says the 1-worker runs were slowed', () => {
    // As a loaded quick run on Bun did: 3.93x at 2 workers on 2 cores.
    const cells = [
      cell('cpu', 'sequential', 'main', 1, samples(4000, 100)),
      cell('cpu', 'threads', 'worker_threads', 1, samples(7860, 300, 40)),
      cell('cpu', 'threads', 'worker_threads', 2, samples(2000, 60, 80)),
    ];
    const [cpu] = recommend(run(2, cells));
    if (!cpu?.ok) throw new Error(JSON.stringify(cpu));
    const iv = cpu.speedupInterval;
    if (iv === undefined) throw new Error('no speedupInterval');
    expect(iv.lo).toBeGreaterThan(2);
    expect(cpu.sentence).toBe(
      `CPU: threads, 2 workers = cores, speedup past the ideal: 3.93x (95% interval ${iv.lo.toFixed(2)}–${iv.hi.toFixed(2)}x) against 2.00x (100 tasks, 2 at a time on 2 cores: 50 rounds, zero overhead), so the 1-worker runs were slowed (other load, warm-up); the most measured: more may help`,
    );
    expect(cpu.caveat).toBe('over-ideal');
    // Within 25% of the ideal is noise the words leave alone.
    const [fine] = recommend(run(2, cpuCells(10, 5)));
    expect(fine?.ok && fine.sentence).not.toMatch(/past the/);
    expect(fine?.ok && fine.caveat).toBeUndefined();
  });

  test('a task with no ok cell is refused, naming the task', () => {
    const failed: Cell = { ...cell('cpu', 'threads', 'wt', 2, []), status: 'failed', error: 'timed out' };
    const recs = recommend(run(2, [...ioCells(), failed]));
    expect(recs.map((r) => r.ok)).toEqual([true, false]);
    expect(recs[1]).toEqual({ ok: false, task: 'cpu', subject: 'CPU', reason: 'no ok cpu cell in this run' });
  });

  test('workers past the knee that gain a little, and a knee at the largest count', () => {
    // threads alone: 7 workers at 90% or more of 8's throughput; 8 is 5% faster.
    const little = [1, 2, 4, 7, 8].map((n) =>
      cell('io', 'threads', 'wt', n, samples(n === 8 ? 300 : n === 7 ? 315 : 2000 / n, 2)),
    );
    const [a] = recommend(run(2, little));
    expect(a?.ok && a.sentence).toBe('IO: threads, 7 workers, 6.35x; 8 workers gain only 5% more');
    // 20 ms waits, 13 rounds at 8 workers, and 40 ms of start: 2040 / 300 = 6.80x, below the ideal 7.69x.
    const rising = [1, 2, 4, 8].map((n) => cell('io', 'threads', 'wt', n, samples(40 + 20 * rounds(n), 2)));
    const [b] = recommend(run(2, rising));
    expect(b?.ok && b.sentence).toBe('IO: threads, 8 workers, 6.80x; the most measured: more may help');
  });

  test('two impls of one mode are named by impl', () => {
    const cells = [1, 2, 4].flatMap((n) => [
      cell('io', 'threads', 'web-worker', n, samples(2000 / n, 2)),
      cell('io', 'threads', 'worker_threads', n, samples(2000 / n + 300, 2)),
    ]);
    const [io] = recommend(run(2, cells));
    expect(io?.ok && io.sentence).toBe('IO: threads (web-worker), 4 workers, 4.00x; the most measured: more may help');
  });
});

describe('undecided', () => {
  test('either median inside the other range; overlapping ranges alone do not tie', () => {
    expect(undecided({ median: 10, min: 9, max: 11 }, { median: 10.8, min: 10.5, max: 13 })).toBe(true);
    expect(undecided({ median: 10, min: 9, max: 11 }, { median: 12, min: 10.5, max: 13 })).toBe(false);
    expect(undecided({ median: 10, min: 9, max: 11.5 }, { median: 11.4, min: 11.2, max: 12 })).toBe(true);
    expect(undecided({ median: 10, min: 9, max: 11 }, { median: 12, min: 11.5, max: 13 })).toBe(false);
  });
});

test('a gain past the knee that rounds to 0% is worded as nothing to buy, not "gain only 0% more"', () => {
  const base = {
    task: 'cpu' as const,
    mode: 'threads' as const,
    impl: 'web-worker',
    showImpl: false,
    workers: 2,
    cores: 2,
    speedup: 1.86,
    speedupInterval: { lo: 1.8, hi: 1.92, level: 0.95 },
    workerCellsMeasured: true,
  };
  expect(sentence({ ...base, beyondKnee: { kind: 'little', workers: 3, gain: 0.004 } })).toBe(
    'CPU: threads, 2 workers = cores, 1.86x; more buys nothing',
  );
  expect(sentence({ ...base, beyondKnee: { kind: 'little', workers: 3, gain: 0.03 } })).toBe(
    'CPU: threads, 2 workers = cores, 1.86x; 3 workers gain only 3% more',
  );
});
