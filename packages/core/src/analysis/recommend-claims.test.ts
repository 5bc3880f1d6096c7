import { describe, expect, test } from 'vitest';
import type { Cell, Mode, ResultFile, TaskModuleInfo } from '../format/types.ts';
import { recommendationEvidence } from './decision-text.ts';
import { recommend } from './recommend.ts';
import { idealWords, OVER_IDEAL, PAST_IDEAL_MARGIN, speedupClaim } from './speedup-claim.ts';

// When a recommendation may state "N.NNx" as a gain: never from an interval that includes 1, nor
// from a speedup past the ideal (the 1-worker runs were slowed).

const cell = (task: Cell['task'], mode: Mode, impl: string, workers: number, totals: number[]): Cell => ({
  task,
  mode,
  impl,
  workers,
  status: 'ok',
  samples: totals.map((totalMs) => ({ totalMs, spawnMs: 0, workMs: totalMs, teardownMs: 0 })),
});

const MODULE: TaskModuleInfo = {
  path: '/p/hash.mjs',
  name: 'hash',
  sha256: 'a'.repeat(64),
  bound: 'cpu',
  checked: true,
};

const run = (cells: Cell[], taskModule?: TaskModuleInfo) =>
  ({
    env: { cores: 2, availableParallelism: 2 },
    config: { count: 100, tasks: [...new Set(cells.map((c) => c.task))], ...(taskModule ? { taskModule } : {}) },
    cells,
  }) as unknown as ResultFile;

function only(r: ResultFile) {
  const [rec] = recommend(r);
  if (!rec?.ok) throw new Error(JSON.stringify(rec));
  return rec;
}

describe('speedupClaim', () => {
  test('a gain only from an interval above 1 and not past the ideal', () => {
    const iv = (lo: number, hi: number, n: [number, number] = [5, 5]) => ({ lo, hi, n });
    expect(speedupClaim({ speedup: 1.16 })).toBe('no-difference');
    expect(speedupClaim({ speedup: 1.16, interval: iv(0.88, 1.22) })).toBe('no-difference');
    expect(speedupClaim({ speedup: 1.16, interval: iv(1, 1.3) })).toBe('no-difference');
    // One run a side: a point, however far from 1.
    expect(speedupClaim({ speedup: 3, interval: iv(3, 3, [1, 1]) })).toBe('no-difference');
    expect(speedupClaim({ speedup: 1.9, interval: iv(1.8, 2.1), ideal: 2 })).toBe('shown');
    expect(speedupClaim({ speedup: 1.9, interval: iv(1.8, 2.1) })).toBe('shown');
    expect(speedupClaim({ speedup: 8.2, interval: iv(7.9, 8.5), ideal: 7.69 })).toBe('past-ideal');
    // A wide interval that reaches below the ideal, but an estimate 25% past it.
    expect(speedupClaim({ speedup: 2 * OVER_IDEAL + 0.01, interval: iv(1.5, 3.5), ideal: 2 })).toBe('past-ideal');
    // A clean io run lands a hair past the ideal (each wait's overhead overlapped at N): a gain.
    expect(speedupClaim({ speedup: 7.7, interval: iv(7.7, 7.73), ideal: 7.69 })).toBe('shown');
    expect(speedupClaim({ speedup: 7.98, interval: iv(7.74, 8.12), ideal: 7.69 })).toBe('shown');
    // A narrow interval wholly past the margin: the 1-worker runs were slowed.
    expect(speedupClaim({ speedup: 7.95, interval: iv(7.9, 8), ideal: 7.69 })).toBe('past-ideal');
    expect(PAST_IDEAL_MARGIN).toBeLessThan(OVER_IDEAL);
  });

  test('the ideal in words: waits overlap N at a time, cpu work min(N, cores) at a time', () => {
    expect(idealWords('io', 8, 100, 2)).toBe('100 waits, 8 at a time: 13 rounds, zero overhead');
    expect(idealWords('cpu', 8, 100, 2)).toBe('100 tasks, 2 at a time on 2 cores: 50 rounds, zero overhead');
    expect(idealWords('io', 100, 100, 2)).toBe('100 waits, 100 at a time: 1 round, zero overhead');
  });
});

/**
 * A module's recommendation when the event loop wins on CPU work (threads far slower): the cells
 * from the totals of sequential x1 and async x1 and x2; the event loop at 2 in flight, flagged as
 * one thread's noise, with its interval.
 */
function eventLoopOnModule(seq: number[], async1: number[], async2: number[]) {
  const cells = [
    cell('module', 'sequential', 'main', 1, seq),
    cell('module', 'async', 'main', 1, async1),
    cell('module', 'async', 'main', 2, async2),
    cell('module', 'threads', 'worker_threads', 1, [50, 51, 52, 53, 54]),
    cell('module', 'threads', 'worker_threads', 2, [90, 91, 92, 93, 94]),
  ];
  const rec = only(run(cells, MODULE));
  const iv = rec.speedupInterval;
  if (iv === undefined) throw new Error('no speedupInterval');
  expect([rec.mode, rec.workers, rec.caveat]).toEqual(['async', 2, 'async-cpu-noise']);
  return { rec, iv };
}

describe('the sentence leads with "no difference shown" when the speedup cannot be stated', () => {
  test('a module on a busy machine: the event loop at 2 in flight, 1.16x, interval includes 1', () => {
    // As a loaded run did: async/main x2 1.16x of x1, its interval 0.88-1.22x.
    const { rec, iv } = eventLoopOnModule([8.9, 8.95, 9, 9.05, 9.1], [7, 7.2, 7.3, 8.5, 8.6], [6, 6.1, 6.3, 7.9, 8.3]);
    expect(iv.lo).toBeLessThanOrEqual(1);
    expect(
      rec.sentence.startsWith(
        `hash (module, cpu-bound): no difference shown between the event loop (async) at 2 in flight and at 1: 1.16x (95% interval ${iv.lo.toFixed(2)}–${iv.hi.toFixed(2)}x) is noise (other load, warm-up): one thread cannot speed up CPU work; `,
      ),
    ).toBe(true);
    // The old headline, a gain first and its retraction after, is gone.
    expect(rec.sentence).not.toMatch(/the event loop \(async\), 2 in flight, 1\.16x/);
    expect(rec.tail).toMatch(/^the main thread wins: /);
  });

  test('the event loop on CPU work with an interval wholly above 1: a difference, said to be no gain', () => {
    // async/main x2 clearly faster than x1 (a slow first cell on a busy machine): shown, not parallelism.
    const slow = [9.8, 9.9, 10, 10.1, 10.2];
    const { rec, iv } = eventLoopOnModule(slow, slow, [7.8, 7.9, 8, 8.1, 8.2]);
    expect(iv.lo).toBeGreaterThan(1);
    expect(
      rec.sentence.startsWith(
        `hash (module, cpu-bound): no gain from more in flight: the event loop (async) read 1.25x (95% interval ${iv.lo.toFixed(2)}–${iv.hi.toFixed(2)}x) at 2 in flight against 1, but one thread cannot speed up CPU work: that is other load or warm-up; `,
      ),
    ).toBe(true);
    expect(rec.sentence).not.toContain('no difference shown');
  });

  test('threads whose interval includes 1: no gain stated, the interval named', () => {
    const cells = [
      cell('cpu', 'threads', 'worker_threads', 1, [1000, 1100, 1200, 1300, 1400]),
      cell('cpu', 'threads', 'worker_threads', 2, [700, 800, 1000, 1250, 1500]),
    ];
    const rec = only(run(cells));
    const iv = rec.speedupInterval;
    if (iv === undefined) throw new Error('no speedupInterval');
    expect(iv.lo).toBeLessThanOrEqual(1);
    expect(rec.caveat).toBe('no-difference');
    expect(rec.sentence).toBe(
      `CPU: no difference shown between threads at 2 workers and at 1: 1.20x (95% interval ${iv.lo.toFixed(2)}–${iv.hi.toFixed(2)}x); the most measured: more may help`,
    );
  });

  test('one run a cell: too few runs for an interval, so no gain is stated', () => {
    const cells = [cell('io', 'threads', 'wt', 1, [2000]), cell('io', 'threads', 'wt', 2, [1000])];
    const rec = only(run(cells));
    expect([rec.speedup, rec.speedupInterval, rec.caveat]).toEqual([2, undefined, 'no-difference']);
    expect(rec.sentence).toBe(
      'IO: no difference shown between threads at 2 workers and at 1: 2.00x (n = 1 and 1: too few runs for an interval); the most measured: more may help',
    );
  });

  test('the knee at 1 worker states no speedup: 1.00x is the baseline against itself', () => {
    const cells = [1, 2, 4].map((n) => cell('io', 'threads', 'wt', n, [998, 999, 1000, 1001, 1002]));
    const rec = only(run(cells));
    expect([rec.workers, rec.caveat]).toEqual([1, undefined]);
    expect(rec.sentence).toBe('IO: threads, 1 worker; more buys nothing');
  });

  test('a gain whose interval lies above 1 is still stated as one', () => {
    const cells = [
      cell('cpu', 'threads', 'worker_threads', 1, [1036, 1038, 1040, 1042, 1044]),
      cell('cpu', 'threads', 'worker_threads', 2, [551, 553, 555, 557, 559]),
    ];
    const rec = only(run(cells));
    expect(rec.caveat).toBeUndefined();
    expect(rec.sentence).toBe('CPU: threads, 2 workers = cores, 1.87x; the most measured: more may help');
  });
});

describe('over-ideal on every kind that has an ideal', () => {
  // As CPython's io did at 8 workers: 8.2x against the ideal 100 / ceil(100 / 8) = 7.69x.
  const oneWorker = [2050, 2055, 2060, 2065, 2070];
  const eight = [250, 250.5, 251, 251.5, 252];

  test.each([
    ['threads', 'thread-pool', 'threads, 8 workers', '1-worker runs', 'the most measured: more may help'],
    ['processes', 'process-pool', 'processes, 8 workers', '1-worker runs', 'the most measured: more may help'],
    ['async', 'main', 'the event loop (async), 8 in flight', 'runs with 1 in flight', 'no workers were measured'],
  ] as const)('io on %s past the ideal: flagged, with how the ideal is counted', (mode, impl, choice, one, tail) => {
    const rec = only(run([cell('io', mode, impl, 1, oneWorker), cell('io', mode, impl, 8, eight)]));
    const iv = rec.speedupInterval;
    if (iv === undefined) throw new Error('no speedupInterval');
    expect(iv.lo).toBeGreaterThan(rec.idealSpeedup as number);
    expect(rec.caveat).toBe('over-ideal');
    expect(rec.sentence).toBe(
      `IO: ${choice}, speedup past the ideal: 8.21x (95% interval ${iv.lo.toFixed(2)}–${iv.hi.toFixed(2)}x) against 7.69x (100 waits, 8 at a time: 13 rounds, zero overhead), so the ${one} were slowed (other load, warm-up); ${tail}`,
    );
  });

  test('an io-bound module and fs follow the same rule', () => {
    const io = { ...MODULE, bound: 'io' as const };
    const mod = only(
      run([cell('module', 'threads', 'wt', 1, oneWorker), cell('module', 'threads', 'wt', 8, eight)], io),
    );
    expect(mod.caveat).toBe('over-ideal');
    expect(mod.sentence).toMatch(
      /^hash \(module, io-bound\): threads, 8 workers, speedup past the ideal: 8\.21x .* against 7\.69x \(100 waits, 8 at a time/,
    );
    const fs = only(run([cell('fs', 'threads', 'wt', 1, oneWorker), cell('fs', 'threads', 'wt', 8, eight)]));
    expect(fs.caveat).toBe('over-ideal');
  });

  test('8.2x against 7.69x with a wide interval (a busy machine): still past the ideal by more than noise', () => {
    const rec = only(
      run([
        cell('io', 'threads', 'wt', 1, [1800, 1950, 2060, 2300, 2600]),
        cell('io', 'threads', 'wt', 8, [240, 245, 251, 300, 340]),
      ]),
    );
    expect(rec.speedupInterval?.lo).toBeLessThan(rec.idealSpeedup as number);
    expect(rec.caveat).toBe('over-ideal');
    expect(rec.sentence).toMatch(/^IO: threads, 8 workers, speedup past the ideal: 8\.21x \(95% interval /);
  });

  test('an estimate past the ideal whose interval reaches it is noise the words leave alone', () => {
    const rec = only(
      run([
        cell('io', 'threads', 'wt', 1, [1950, 2000, 2054, 2100, 2150]),
        cell('io', 'threads', 'wt', 8, [240, 250, 260, 270, 280]),
      ]),
    );
    expect(rec.speedupInterval?.lo).toBeLessThan(rec.idealSpeedup as number);
    expect(rec.speedup).toBeGreaterThan(rec.idealSpeedup as number);
    expect(rec.caveat).toBeUndefined();
    expect(rec.sentence).toBe('IO: threads, 8 workers, 7.90x; the most measured: more may help');
  });
});

test('the evidence line quotes no speedup for a knee at 1 worker, and quotes one with its interval otherwise', () => {
  const flat = [1, 2].map((n) => cell('io', 'threads', 'wt', n, [998, 999, 1000, 1001, 1002]));
  expect(recommendationEvidence(only(run(flat)))).not.toMatch(/speedup/);
  const rising = [1, 2].map((n) =>
    cell(
      'io',
      'threads',
      'wt',
      n,
      [998, 999, 1000, 1001, 1002].map((x) => x / n),
    ),
  );
  expect(recommendationEvidence(only(run(rising)))).toMatch(
    /; speedup 2\.00x \(95% interval 1\.\d\d–2\.\d\dx, ideal 2\.00x\)$/,
  );
});
