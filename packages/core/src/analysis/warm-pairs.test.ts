import { describe, expect, test } from 'vitest';
import { formatSummary } from '../cli/summary.ts';
import type { Cell, ResultFile, Sample } from '../format/types.ts';
import { fidelityChecks } from './fidelity.ts';
import { runSeries } from './fit-run.ts';
import { coldOnly } from './pools.ts';
import { recommend } from './recommend.ts';
import { fakeRun } from './result.fixture.ts';
import { compareRuns } from './run-compare.ts';
import { summarize } from './summarize.ts';
import { warmPairLine, warmPairs } from './warm-pairs.ts';
import { workerCosts } from './worker-cost.ts';

/** Cold samples: spawn and teardown grow with workers, work as given (spread ±0.5). */
const cold = (n: number, work: number): Sample[] =>
  [-0.5, 0, 0.5].map((k) => ({
    spawnMs: 10 * n,
    workMs: work + k,
    teardownMs: n,
    totalMs: 10 * n + work + k + n,
  }));
/** Warm samples: work alone. */
const warm = (work: number): Sample[] =>
  [-0.2, 0, 0.2].map((k) => ({ spawnMs: 0, workMs: work + k, teardownMs: 0, totalMs: work + k }));

const cell = (workers: number, samples: Sample[], pool?: 'warm', task: Cell['task'] = 'cpu'): Cell => ({
  task,
  mode: 'threads',
  impl: 'x',
  workers,
  status: 'ok',
  samples,
  ...(pool ? { pool, warmStart: { spawnMs: 10 * workers, teardownMs: workers } } : {}),
});

/** A run with cold and warm cells at 1, 2 and 4 workers: warm work is 40% of cold. */
function mixed(): ResultFile {
  const r = fakeRun({ config: { tasks: ['cpu'], workers: [1, 2, 4], pools: ['cold', 'warm'] }, totals: {} });
  r.cells = [1, 2, 4].flatMap((n) => [
    cell(n, cold(n, 360 / Math.min(n, 2))),
    cell(n, warm(144 / Math.min(n, 2)), 'warm'),
  ]);
  return r;
}

describe('warm pairs', () => {
  test('each warm cell beside its cold neighbour: median work, ratio warm / cold and its interval', () => {
    const pairs = warmPairs(mixed());
    expect(pairs.map((p) => p.workers)).toEqual([1, 2, 4]);
    const one = pairs[0];
    expect(one).toMatchObject({ warmWorkMs: 144, coldWorkMs: 360, warmStart: { spawnMs: 10, teardownMs: 1 } });
    expect(one?.ratio?.interval.estimate).toBeCloseTo(0.4, 5);
    expect(one?.ratio?.verdict).toBe('faster');
    expect(warmPairLine(one as NonNullable<typeof one>)).toMatch(
      /^threads\/x x1: warm pool work 144 ms vs cold 360 ms \(0\.40x, 95% interval 0\.40–0\.40x, n = 3 and 3\)$/,
    );
  });

  test('none under the article clock, whose cold work overlaps the start', () => {
    const r = mixed();
    r.config.clock = 'article';
    expect(warmPairs(r)).toEqual([]);
    expect(formatSummary(r, undefined)).toMatch(/warm pools: not compared with cold under the article clock/);
  });

  test('the summary says warm against cold per mode and workers', () => {
    const text = formatSummary(mixed(), undefined);
    expect(text).toMatch(/warm pool vs cold/);
    expect(text).toMatch(/threads\/x x2: warm pool work 72\.0 ms vs cold 180 ms \(0\.40x, 95% interval/);
    expect(text).toMatch(/started once in 20\.0 ms, ended in 2\.00 ms/);
  });
});

describe('batch analyses read cold cells only', () => {
  const r = mixed();
  const coldRun = { ...r, cells: r.cells.filter((c) => c.pool !== 'warm') };
  test('summaries, worker cost, fits and fidelity: as if the warm cells were not there', () => {
    expect(coldOnly(r).cells).toHaveLength(3);
    expect(summarize(r)).toEqual(summarize(coldRun));
    expect(summarize(r)).toHaveLength(3);
    expect(workerCosts(r)).toEqual(workerCosts(coldRun));
    // A warm sample has no spawn: read as cold, it would fit a start of 0 ms.
    expect(workerCosts(r)[0]?.spawn.ok).toBe(true);
    expect(runSeries(r)).toEqual(runSeries(coldRun));
    expect(fidelityChecks(r)).toEqual(fidelityChecks(coldRun));
  });

  test('compare pairs cold with cold and warm with warm, never across', () => {
    const a = mixed();
    const b = mixed();
    b.cells = b.cells.map((c) =>
      c.pool === 'warm'
        ? { ...c, samples: c.samples.map((s) => ({ ...s, workMs: s.workMs * 2, totalMs: s.totalMs * 2 })) }
        : c,
    );
    const cmp = compareRuns(a, b);
    expect(cmp.changes).toHaveLength(6);
    const changed = cmp.changes.filter((c) => c.regression);
    expect(changed).toHaveLength(3);
    // Only a cold cell of B without a cold cell in A would be unmatched.
    expect(cmp.unmatched).toBe(0);
    const onlyCold = { ...b, cells: b.cells.filter((c) => c.pool !== 'warm') };
    expect(compareRuns(a, onlyCold).unmatched).toBe(3);
  });
});

describe('the recommendation for a task module', () => {
  const moduleRun = (withWarm: boolean): ResultFile => {
    const r = fakeRun({
      config: {
        tasks: ['module'],
        modes: ['threads', 'sequential'],
        workers: [1, 2],
        taskModule: { path: '/m.mjs', name: 'parse', sha256: 'a'.repeat(64), bound: 'cpu', checked: true },
        ...(withWarm ? { pools: ['cold', 'warm'] as const } : {}),
      } as Partial<ResultFile['config']>,
      totals: {},
    });
    // The main thread: 100 ms a batch. Cold workers pay start and first compiles (150 ms at 2);
    // a warm pool does the batch in 60 ms at 2 workers.
    const seq: Cell = { ...cell(1, warm(100), undefined, 'module'), mode: 'sequential', impl: 'main' };
    r.cells = [
      seq,
      cell(1, cold(1, 250), undefined, 'module'),
      cell(2, cold(2, 130), undefined, 'module'),
      ...(withWarm ? [cell(1, warm(110), 'warm', 'module'), cell(2, warm(60), 'warm', 'module')] : []),
    ];
    return r;
  };

  test('without warm cells, the main thread wins on total time', () => {
    const [rec] = recommend(moduleRun(false));
    expect(rec).toMatchObject({ ok: true, mode: 'sequential' });
    expect(rec?.ok ? rec.pool : undefined).toBeUndefined();
  });

  test('with warm cells, the warm pool is judged and the sentence says so', () => {
    const [rec] = recommend(moduleRun(true));
    expect(rec).toMatchObject({ ok: true, mode: 'threads', workers: 2, pool: 'warm' });
    expect(rec?.ok && rec.sentence).toMatch(/; judged on a warm pool \(workers kept across batches/);
  });

  test('io and cpu keep the cold basis (the article sweep)', () => {
    const [rec] = recommend(mixed());
    expect(rec?.ok ? rec.pool : undefined).toBeUndefined();
  });
});
