import { decodeResult, encodeResult } from '@tvp/core';
import { linesOf, recommend, warmPairLine, workerCosts } from '@tvp/core/analysis';
import { describe, expect, it } from 'vitest';
import { makeResult } from '../src/bench/synthetic.ts';
import { withWarm } from '../src/bench/synthetic-warm.ts';
import {
  articleClockWarm,
  warmFinding,
  warmLines,
  warmPanel,
  warmRatios,
  warmRows,
  warmStarts,
  warmTasks,
  wholeRun,
} from '../src/client/warm-panels.ts';
import { toView } from '../src/view.ts';

/** A Node run with both pools, through the one reader (the contract's checks run on it). */
const both = () => {
  const r = withWarm(makeResult({ runtime: 'node', seed: 3, workers: [1, 2, 4] }));
  return toView('node.msgpack', decodeResult(encodeResult(r), 'node.msgpack'));
};

describe('warm pools on the page', () => {
  it('the view keeps warm cells apart: every cold series, fit and recommendation reads the cold cells alone', () => {
    const cold = toView('cold.msgpack', makeResult({ runtime: 'node', seed: 3, workers: [1, 2, 4] }));
    const v = both();
    expect(v.warm?.length).toBe(2 * 2 * 3); // io and cpu, threads and processes, 3 worker counts
    expect(v.warm?.every((c) => c.pool === 'warm')).toBe(true);
    expect(v.result.cells.some((c) => c.pool === 'warm')).toBe(false);
    expect(v.result.cells).toEqual(cold.result.cells);
    expect(v.cells).toEqual(cold.cells);
    // What the verdict grid, the article's figure and the worker-cost panel read is the cold run's.
    expect(linesOf(v, 'cpu')).toEqual(linesOf(cold, 'cpu').map((l) => ({ ...l, run: v })));
    expect(recommend(v.result)).toEqual(recommend(cold.result));
    expect(workerCosts(v.result)).toEqual(workerCosts(cold.result));
    // A cold-only run has no warm field at all.
    expect(cold.warm).toBeUndefined();
  });

  it('a line per mode: the raw primitive, core’s pairs of its warm and cold cells by worker count', () => {
    const v = both();
    expect(warmTasks([v], ['io', 'cpu', 'noop', 'payload'])).toEqual(['io', 'cpu']);
    const lines = warmLines(v, 'cpu');
    expect(lines.map((l) => `${l.mode}/${l.impl}`)).toEqual(['threads/worker_threads', 'processes/child_process']);
    for (const l of lines) {
      expect(l.pairs.map((p) => p.workers)).toEqual([1, 2, 4]);
      for (const p of l.pairs) expect(p.warmWorkMs).toBeLessThan(p.coldWorkMs);
    }
    // The page gives core the whole run back (the view keeps warm cells apart).
    expect(wholeRun(v).cells).toHaveLength(v.result.cells.length + v.warm!.length);
    // Under the article's clock a cold run's work overlaps its spawn: nothing to set side by side, and the page says why.
    const article = { ...v, result: { ...v.result, config: { ...v.result.config, clock: 'article' as const } } };
    expect(warmLines(article, 'cpu')).toEqual([]);
    expect(articleClockWarm([v, article])).toEqual([article]);
  });

  it('the panel: cold solid, warm hollow, one colour per mode, at most 4 series', () => {
    const v = both();
    const p = warmPanel(v, warmLines(v, 'cpu'), [1, 2, 4]);
    expect(p.of).toBe('node');
    expect(p.series.map((s) => `${s.key}:${s.fill ?? 'solid'}:${s.slot?.at}/${s.slot?.of}`)).toEqual([
      'threads:solid:0/4',
      'threads:hollow:1/4',
      'processes:solid:2/4',
      'processes:hollow:3/4',
    ]);
    // Warm bars are lower on cpu (the fixture's warm batches take 60% of the cold work).
    const [tc, tw] = p.series;
    tc!.values.forEach((c, i) => {
      expect(tw!.values[i]!).toBeLessThan(c!);
    });
  });

  it('the finding: core’s words for warm against cold at the largest worker count both ran, per mode', () => {
    const v = both();
    const top = warmRatios(warmLines(v, 'cpu'));
    expect(top.map((r) => [r.mode, r.workers])).toEqual([
      ['threads', 4],
      ['processes', 4],
    ]);
    for (const r of top) {
      const iv = r.ratio!.interval;
      expect(iv.estimate).toBeGreaterThan(0.5);
      expect(iv.estimate).toBeLessThan(0.7);
      expect(iv.lo).toBeLessThanOrEqual(iv.estimate);
      expect(iv.hi).toBeGreaterThanOrEqual(iv.estimate);
      expect(r.ratio!.verdict).toBe('faster');
    }
    expect(warmFinding(v, warmLines(v, 'cpu'))).toBe(`Node: ${top.map(warmPairLine).join('; ')}`);
    expect(warmFinding(v, warmLines(v, 'cpu'))).toMatch(
      /^Node: threads\/worker_threads x4: warm pool work [\d.]+ ms vs cold [\d.]+ ms \(0\.\d\dx, 95% interval 0\.\d\d–0\.\d\dx, n = 5 and 5\); processes\/child_process x4: /,
    );
    // io: the warm batches take about as long (97% in the fixture).
    for (const r of warmRatios(warmLines(v, 'io'))) {
      expect(r.ratio!.interval.estimate).toBeGreaterThan(0.9);
      expect(r.ratio!.interval.estimate).toBeLessThan(1);
    }
    // A run without warm cells has no line.
    expect(warmFinding(toView('c', makeResult({ runtime: 'node' })), [])).toBeNull();
  });

  it('numbers and the warm pools’ one start', () => {
    const v = both();
    const { head, rows } = warmRows([v], 'cpu', [1, 2, 4]);
    expect(head).toEqual(['workers', 'Node threads/worker_threads', 'Node processes/child_process']);
    expect(rows).toHaveLength(3);
    expect(rows[0]![1]).toMatch(/^[\d.]+ \/ [\d.]+ \(0\.\d\dx, 0\.\d\d–0\.\d\dx\)$/);
    const starts = warmStarts([v], 'cpu');
    expect(starts).toHaveLength(6);
    expect(starts[0]).toMatch(/^Node threads\/worker_threads x1: spawn [\d.]+ ms, teardown [\d.]+ ms, once$/);
  });
});
