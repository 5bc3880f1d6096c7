import { describe, expect, test } from 'vitest';
import { dispatchCosts } from '../analysis/dispatch-cost.ts';
import { summarize } from '../analysis/summarize.ts';
import { environmentWarnings } from '../analysis/warnings.ts';
import { preset } from '../cli/presets.ts';
import { formatSummary } from '../cli/summary.ts';
import type { Env, ResultFile, RunConfig } from '../format/types.ts';
import { inMemory } from './in-memory.fixture.ts';
import { planCells, runSweep } from './sweep.ts';

const config = (over: Partial<RunConfig> = {}): RunConfig => ({
  ...preset('quick'),
  impls: ['in-memory'],
  workerEnv: 'inherit',
  preset: 'quick',
  count: 6,
  repeat: 2,
  warmup: 1,
  ioMs: 2,
  cpuIters: 1000,
  ...over,
});

describe('planCells', () => {
  test('by task, then workers, then mode; sequential once at 1 worker; only chosen impls', () => {
    const t = inMemory();
    const other = { ...inMemory(), impl: 'other' };
    const cells = planCells(config({ tasks: ['io'], workers: [2, 4] }), [t, other]);
    expect(cells.map((c) => `${c.mode}/${c.impl}x${c.workers}`)).toEqual([
      'sequential/mainx1',
      'threads/in-memoryx2',
      'async/mainx2',
      'threads/in-memoryx4',
      'async/mainx4',
    ]);
  });
});

describe('runSweep', () => {
  test('warmup runs are not kept; repeat samples are; progress reports every run', async () => {
    const seen: string[] = [];
    const r = await runSweep({
      config: config({ tasks: ['cpu'], modes: ['threads', 'sequential'], workers: [1, 2] }),
      transports: [inMemory()],
      onProgress: (p) => seen.push(`${p.cellIndex}/${p.cellCount}:${p.run}/${p.runs}`),
    });
    expect(r.aborted).toBe(false);
    expect(r.cells.map((c) => [c.mode, c.workers, c.status, c.samples.length])).toEqual([
      ['sequential', 1, 'ok', 2],
      ['threads', 1, 'ok', 2],
      ['threads', 2, 'ok', 2],
    ]);
    expect(seen).toHaveLength(3 * 3);
  });

  test('a failing cell is recorded failed with its reason and the sweep goes on', async () => {
    const r = await runSweep({
      config: config({ tasks: ['noop', 'io'], modes: ['threads'], workers: [1], fault: 'throw' }),
      transports: [inMemory()],
    });
    expect(r.cells.map((c) => c.status)).toEqual(['failed', 'failed']);
    expect(r.cells[0]?.error).toMatch(/InjectedFault/);
    // the yardstick keeps no sample for runs whose noop run failed
    expect(r.roundTrips).toEqual([{ mode: 'threads', impl: 'in-memory', samplesUs: [] }]);
  });

  test('each noop run at 1 worker is paired with a bare round trip run just before it', async () => {
    const r = await runSweep({
      config: config({ tasks: ['noop'], modes: ['threads'], workers: [1, 2], repeat: 3 }),
      transports: [inMemory()],
    });
    expect(r.roundTrips).toHaveLength(1);
    expect(r.roundTrips[0]?.samplesUs).toHaveLength(3);
    expect(r.cells[0]?.samples).toHaveLength(3);
  });

  test('an abort returns the cells finished so far', async () => {
    const controller = new AbortController();
    const p = runSweep({
      config: config({ tasks: ['io'], modes: ['sequential', 'threads'], workers: [1, 2, 4], ioMs: 20, count: 10 }),
      transports: [inMemory()],
      signal: controller.signal,
      onCell: () => controller.abort(),
    });
    const r = await p;
    expect(r.aborted).toBe(true);
    expect(r.cells).toHaveLength(1);
  });
});

function env(over: Partial<Env> = {}): Env {
  return {
    runtime: 'node',
    runtimeVersion: '20',
    os: 'linux',
    arch: 'x64',
    kernel: '6',
    cpuModel: 'cpu',
    cores: 2,
    availableParallelism: 2,
    memoryBytes: 1,
    hostname: 'h',
    label: 'h',
    loadavgStart: [0.1, 0, 0],
    loadavgEnd: [0.2, 0, 0],
    vars: {},
    ...over,
  };
}

describe('analysis', () => {
  const s = (totalMs: number, workMs = totalMs) => ({ totalMs, workMs, spawnMs: totalMs - workMs, teardownMs: 0 });
  const result: ResultFile = {
    schemaVersion: 1,
    id: 'x',
    createdAt: '2026-11-25T00:00:00Z',
    tool: { name: 't', version: '0' },
    env: env(),
    config: config({ tasks: ['cpu', 'noop'], count: 100 }),
    cells: [
      { task: 'cpu', mode: 'threads', impl: 'w', workers: 1, status: 'ok', samples: [s(1000), s(1010), s(990)] },
      {
        task: 'cpu',
        mode: 'threads',
        impl: 'w',
        workers: 2,
        status: 'ok',
        samples: [s(520, 500), s(510, 500), s(530, 500)],
      },
      { task: 'cpu', mode: 'threads', impl: 'w', workers: 4, status: 'failed', error: 'x', samples: [] },
      { task: 'noop', mode: 'threads', impl: 'w', workers: 1, status: 'ok', samples: [s(10, 5), s(10, 5)] },
    ],
    roundTrips: [{ mode: 'threads', impl: 'w', samplesUs: [40, 50, 60] }],
  };

  test('speedup against 1 worker, ideal capped by cores, efficiency', () => {
    const rows = summarize(result);
    const two = rows[1]!;
    expect(two.speedup).toBeCloseTo(1000 / 520, 6);
    expect(two.workSpeedup).toBeCloseTo(1000 / 500, 6);
    expect(two.ideal).toBe(2);
    expect(two.efficiency).toBeCloseTo(1000 / 520 / 2, 6);
    expect(rows[2]).toMatchObject({ status: 'failed', error: 'x' });
    expect(rows[2]!.total).toBeUndefined();
  });

  test('dispatch cost: noop work per task against the median round trip', () => {
    expect(dispatchCosts(result)).toEqual([{ mode: 'threads', impl: 'w', perTaskUs: 50, roundTripUs: 50, ratio: 1 }]);
  });

  test('dispatch cost with paired runs: the median of the per-run ratios', () => {
    const paired = { ...result, roundTrips: [{ mode: 'threads' as const, impl: 'w', samplesUs: [50, 25] }] };
    expect(dispatchCosts(paired)[0]).toMatchObject({ perTaskUs: 50, roundTripUs: 37.5, ratio: 1.5 });
  });

  test('warnings for a busy machine and for variables that slow process start', () => {
    expect(environmentWarnings(env())).toEqual([]);
    const w = environmentWarnings(
      env({ loadavgStart: [3.5, 1, 1], vars: { NODE_EXTRA_CA_CERTS: '/a', NODE_OPTIONS: '--x' } }),
    );
    expect(w.join('\n')).toMatch(/busy at start: load 3.50 > 2 cores/);
    expect(w.join('\n')).toMatch(/NODE_EXTRA_CA_CERTS is set/);
    expect(w.join('\n')).toMatch(/NODE_OPTIONS is set/);
  });

  test('with /proc, the CPU share of other processes decides, not the load average', () => {
    expect(environmentWarnings(env({ loadavgStart: [3.5, 1, 1], loadavgEnd: [3, 1, 1], otherCpuShare: 0.02 }))).toEqual(
      [],
    );
    expect(environmentWarnings(env({ otherCpuShare: 0.3 }))).toEqual([
      'machine was busy: other processes used 30% of its CPU during the sweep',
    ]);
  });

  test('summary table: medians with speedups, failed cells named, harness cost, file', () => {
    const text = formatSummary({ ...result, warnings: ['machine was busy'] }, 'results/x.msgpack');
    expect(text).toMatch(/cpu: 100 tasks/);
    expect(text).toMatch(/\b1000 \(1\.00x \d\.\d\d-\d\.\d\d\)/);
    expect(text).toMatch(/\b520 \(1\.92x \d\.\d\d-\d\.\d\d\)/);
    expect(text).toMatch(/FAILED/);
    // spawn ms: 0, 0, 0 (cpu) and 5, 5 (noop) at 1 worker; 20, 10, 30 at 2: one line through all.
    expect(text).toContain('threads/w: start -16.0 ± 6.6 ms + 18.0 ± 4.5 ms per worker (R² 0.73)');
    expect(text).toMatch(/threads\/w: 50\.0 us per task vs 50\.0 us round trip \(1\.00x\)/);
    expect(text).toMatch(/! machine was busy/);
    expect(text).toMatch(/wrote results\/x\.msgpack \(4 cells, 1 failed\)/);
  });
});
