import { describe, expect, test } from 'vitest';
import { sampleResult } from '../format/codec.fixture.ts';
import type { ArrivalPoint, Cell, Mode, ResultFile } from '../format/types.ts';
import { LATENCY_KNEE_FACTOR, latencyKnee, loadCurves, serveAdvice } from './serving.ts';

const pt = (
  rate: number,
  p50: number,
  p99: number,
  sustained = true,
  extra: Partial<ArrivalPoint> = {},
): ArrivalPoint => ({
  rate,
  runs: 1,
  tasks: 100,
  offered: rate,
  throughput: sustained ? rate : rate / 3,
  sustained,
  responseMs: { min: p50 / 2, p50, p90: p99, p99, max: p99 },
  queueMs: { min: 0, p50: 0, p90: 1, p99: 2, max: 2 },
  maxQueued: sustained ? 1 : 60,
  ...extra,
});
const cell = (mode: Mode, impl: string, workers: number, arrivals: ArrivalPoint[]): Cell => ({
  task: 'cpu',
  mode,
  impl,
  workers,
  status: 'ok',
  samples: [{ totalMs: 100, spawnMs: 1, workMs: 98, teardownMs: 1 }],
  arrivals,
});
/** A run at 50 and 200 tasks/s: threads x2 keeps up at both; the main thread only at 50. */
function served(): ResultFile {
  const r = sampleResult();
  r.config.tasks = ['cpu'];
  r.config.arrival = {
    rates: [50, 200],
    kind: 'poisson',
    seed: 1,
    warmupMin: 10,
    warmupPerWorker: 2,
    sustainShare: 0.9,
  };
  r.cells = [
    cell('threads', 'worker_threads', 2, [
      pt(50, 11, 14, true, { loopDelay: { p50Ms: 0.1, p99Ms: 1, maxMs: 2, samples: 500 } }),
      pt(200, 12, 18),
    ]),
    cell('threads', 'worker_threads', 1, [pt(50, 12, 20), pt(200, 0, 900, false)]),
    cell('async', 'main', 2, [
      pt(50, 20, 240, true, { loopDelay: { p50Ms: 5, p99Ms: 9.5, maxMs: 9.8, samples: 300 } }),
      pt(200, 400, 950, false, { loopDelay: { p50Ms: 9, p99Ms: 10, maxMs: 12.5, samples: 80 } }),
    ]),
  ];
  return r;
}

describe('the knee of latency against load', () => {
  test(`the highest sustained rate before p99 passes ${LATENCY_KNEE_FACTOR}x its low-load value`, () => {
    expect(latencyKnee([pt(10, 5, 10), pt(20, 5, 15), pt(40, 8, 21), pt(80, 10, 30)])).toBe(20);
    expect(latencyKnee([pt(10, 5, 10), pt(20, 5, 12), pt(40, 0, 0, false)])).toBe(20);
    expect(latencyKnee([pt(10, 5, 10, false)])).toBeUndefined();
  });

  test('curves are per option, ascending by rate, failed cells left out', () => {
    const r = served();
    (r.cells[0] as Cell).arrivals?.reverse();
    r.cells.push({ ...cell('processes', 'child_process', 2, [pt(50, 1, 2)]), status: 'failed' });
    const curves = loadCurves(r, 'cpu');
    expect(curves.map((c) => `${c.mode}${c.workers}`)).toEqual(['threads2', 'threads1', 'async2']);
    expect(curves[0]?.points.map((p) => p.rate)).toEqual([50, 200]);
    expect(curves.map((c) => c.knee)).toEqual([200, 50, 50]);
  });
});

describe('what serves a rate', () => {
  test('the lowest sustained p99, and what the main thread would feel, with the event loop where sampled', () => {
    const [at50, at200] = serveAdvice(served());
    expect(at50?.best?.workers).toBe(2);
    expect(at50?.sentence).toBe(
      'at 50 tasks/s, threads/worker_threads x2: p99 14.0 ms (p50 11.0 ms), event loop p99 1.00 ms; on the main thread (async x2): p99 240 ms, event loop stalls up to 9.80 ms',
    );
    // At 200 the 1-worker option did not keep up: its lower p50 does not count.
    expect(at200?.best?.workers).toBe(2);
    expect(at200?.sentence).toBe(
      'at 200 tasks/s, threads/worker_threads x2: p99 18.0 ms (p50 12.0 ms); on the main thread (async x2): cannot keep up, answers 66.7 tasks/s, event loop stalls up to 12.5 ms',
    );
  });

  test('when nothing keeps up, the run says so and names the most it answered', () => {
    const r = served();
    for (const c of r.cells)
      c.arrivals = c.arrivals?.map((p) =>
        p.rate === 200 ? { ...p, sustained: false, throughput: c.workers * 50 } : p,
      );
    const at200 = serveAdvice(r)[1];
    expect(at200?.best).toBeUndefined();
    expect(at200?.sentence).toMatch(
      /^at 200 tasks\/s: nothing measured keeps up \(the most, threads\/worker_threads x2, answered 100 tasks\/s\)/,
    );
  });

  test('a run without arrivals has no advice for a server', () => {
    expect(serveAdvice(sampleResult())).toEqual([]);
  });
});

describe('the summary', () => {
  test('each option at each rate, its knee, then what serves each rate', async () => {
    const { servingLines } = await import('../cli/summary-serving.ts');
    const text = servingLines(served()).join('\n');
    expect(text).toContain(
      'threads/worker_threads x1: 50/s p50 12.0 p99 20.0 ms · 200/s not sustained (answered 66.7/s of 200/s offered); knee 50/s',
    );
    expect(text).toContain('CPU at 50 tasks/s, threads/worker_threads x2: p99 14.0 ms');
    expect(servingLines(sampleResult())).toEqual([]);
  });

  test('a module task is named by its module, as the tables above it say', async () => {
    const { servingLines } = await import('../cli/summary-serving.ts');
    const r = served();
    r.config.tasks = ['module'];
    r.config.taskModule = {
      path: '/p/json-parse.mjs',
      name: 'json-parse',
      bound: 'cpu',
      sha256: 'a'.repeat(64),
      checked: true,
    };
    for (const c of r.cells) c.task = 'module';
    const text = servingLines(r).join('\n');
    expect(text).toContain('\n  json-parse\n');
    expect(text).toContain('json-parse at 50 tasks/s, threads/worker_threads x2: p99 14.0 ms');
    expect(text).not.toContain('MODULE');
  });
});
