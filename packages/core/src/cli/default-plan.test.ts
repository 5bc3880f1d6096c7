import { describe, expect, test } from 'vitest';
import { analyze } from '../analysis/analyzed-run.ts';
import { articleFindings } from '../analysis/article-claims.ts';
import { fidelityChecks } from '../analysis/fidelity.ts';
import { runFindings } from '../analysis/findings.ts';
import { fitRun } from '../analysis/fit-run.ts';
import { seeded } from '../analysis/prng.ts';
import { recommend } from '../analysis/recommend.ts';
import { delaySeries } from '../analysis/responsiveness.ts';
import { workerCosts } from '../analysis/worker-cost.ts';
import { type PlannedCell, planCells } from '../engine/sweep.ts';
import type { Transport } from '../engine/transport.ts';
import type { Cell, ResultFile, RunConfig } from '../format/types.ts';
import { parseArgs } from './args.ts';
import { formatSummary } from './summary.ts';

const named = (mode: 'threads' | 'processes', impl: string): Transport => ({
  mode,
  impl,
  start() {
    throw new Error('not started in this test');
  },
});
const transports = [named('threads', 'worker_threads'), named('processes', 'child_process')];
const ctx = {
  impls: { threads: ['worker_threads'], processes: ['child_process'] },
  defaultOut: '/tmp/results',
};
const configOf = (argv: string[]): RunConfig => {
  const req = parseArgs(argv, ctx);
  if (req.kind !== 'run') throw new Error('expected a run');
  return req.config;
};
const key = (c: PlannedCell) => `${c.task} ${c.mode} ${c.workers}`;

describe('the default plan', () => {
  const config = configOf([]);
  const plan = planCells(config, transports);

  test('io and cpu, 10 ms io, 4 measured runs after 1 warm-up, 1..8 workers; async cpu at 1 and 2 only', () => {
    expect(config).toMatchObject({ tasks: ['io', 'cpu'], ioMs: 10, repeat: 4, warmup: 1, asyncCpuMaxWorkers: 2 });
    expect(config.workers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // io: sequential + 8 counts x (threads, processes, async); cpu: sequential + 8 x 2 pools + async at 1, 2.
    expect(plan.filter((c) => c.task === 'io')).toHaveLength(1 + 8 * 3);
    expect(plan.filter((c) => c.task === 'cpu')).toHaveLength(1 + 8 * 2 + 2);
    expect(plan.filter((c) => c.task === 'cpu' && c.mode === 'async').map(key)).toEqual(['cpu async 1', 'cpu async 2']);
    expect(plan.filter((c) => c.task === 'io' && c.mode === 'async')).toHaveLength(8);
  });

  test('everything it leaves out is a flag away, and the article preset keeps every cell and its scale', () => {
    const all = configOf(['--async-cpu-max-workers', 'all', '--repeat', '5', '--io-ms', '20']);
    expect(all.asyncCpuMaxWorkers).toBeUndefined();
    expect(planCells(all, transports)).toHaveLength(2 * (1 + 8 * 3));
    const article = configOf(['--preset', 'article']);
    expect(article).toMatchObject({ ioMs: 100, cpuIters: 60_000_000, repeat: 5, warmup: 1 });
    expect(article.asyncCpuMaxWorkers).toBeUndefined();
    expect(planCells(article, transports)).toHaveLength(2 * (1 + 8 * 3));
    // A cap below every count asked for keeps the smallest, so async cpu never vanishes.
    const high = planCells(configOf(['--workers', '4,8']), transports);
    expect(high.filter((c) => c.task === 'cpu' && c.mode === 'async').map(key)).toEqual(['cpu async 4']);
    // Recorded only where it applies.
    expect(configOf(['--task', 'io']).asyncCpuMaxWorkers).toBeUndefined();
    expect(() => configOf(['--async-cpu-max-workers', '0'])).toThrow(
      "--async-cpu-max-workers: '0' is not valid; expected a whole number from 1 to 256, or all",
    );
  });

  test('--quick: 1, 2, 4 workers, async cpu at 1 and 2', () => {
    const quick = planCells(configOf(['--quick']), transports);
    expect(quick.filter((c) => c.mode === 'async').map(key)).toEqual([
      'io async 1',
      'io async 2',
      'io async 4',
      'cpu async 1',
      'cpu async 2',
    ]);
  });
});

/**
 * A result shaped like the default's on a 2-core machine, from a model of this machine's Node
 * figures (start 20 + 8.6 N ms for threads, 26 + 28 N for processes; 10 ms tasks), with noise.
 */
function defaultShapedRun(): ResultFile {
  const config = configOf(['--label', 'box']);
  const rand = seeded(7);
  const cells: Cell[] = planCells(config, transports).map((p) => {
    const lanes =
      p.mode === 'sequential' ? 1 : p.task === 'io' ? p.workers : p.mode === 'async' ? 1 : Math.min(2, p.workers);
    const spawn = p.mode === 'threads' ? 20 + 8.6 * p.workers : p.mode === 'processes' ? 26 + 28 * p.workers : 0;
    const teardown = p.mode === 'threads' || p.mode === 'processes' ? 6 + 0.7 * p.workers : 0;
    const work = Math.ceil(100 / lanes) * 10.2 * (p.task === 'cpu' && p.workers > 2 && p.mode !== 'async' ? 1.02 : 1);
    const samples = Array.from({ length: config.repeat }, () => {
      const w = work * (1 + 0.01 * rand());
      const s = spawn * (1 + 0.05 * rand());
      return { totalMs: s + w + teardown, spawnMs: s, workMs: w, teardownMs: teardown };
    });
    const stalls = p.mode === 'sequential' || p.mode === 'async';
    const p99 = stalls && p.task === 'cpu' ? 9.9 * p.workers : 0.3;
    return {
      task: p.task,
      mode: p.mode,
      impl: p.impl,
      workers: p.workers,
      status: 'ok',
      samples,
      loopDelay: { method: 'timer-drift', intervalMs: 1, p50Ms: p99 / 2, p99Ms: p99, maxMs: p99 + 1, samples: 400 },
      ...(p.mode === 'threads' || p.mode === 'processes'
        ? { memory: { bytesPerWorker: 7e6, method: p.mode === 'threads' ? 'rss-growth' : 'uss' } as const }
        : {}),
    };
  });
  return {
    schemaVersion: 1,
    id: 'default-shaped',
    createdAt: '2026-12-06T20:00:00.000Z',
    tool: { name: 'threads-vs-processes', version: '0.1.0' },
    env: {
      runtime: 'node',
      runtimeVersion: '20.20.2',
      os: 'linux',
      arch: 'x64',
      kernel: '6.1',
      cpuModel: 'Test CPU',
      cores: 2,
      availableParallelism: 2,
      memoryBytes: 8e9,
      hostname: 'box',
      label: 'box',
      loadavgStart: [0.1],
      loadavgEnd: [0.2],
      vars: {},
    },
    config,
    cells,
    durationMs: 150_000,
  };
}

describe('a default-shaped run still says everything', () => {
  const r = defaultShapedRun();

  test('the summary has every section, and says why async cpu stops at 2', () => {
    const out = formatSummary(r, 'results/x.msgpack');
    for (const section of [
      /^io: 100 tasks, each waits 10 ms$/m,
      /^cpu: 100 tasks, each 6,000,000 rounds of integer work$/m,
      /^note: async\/main ran cpu at 1, 2 in flight only, not at 3, 4, 5, 6, 7, 8: one thread cannot run cpu work faster/m,
      /^event-loop delay of the hub during the work/m,
      /^ {2}cpu: sequential\/main 9\.90 · threads\/worker_threads 0\.30 · processes\/child_process 0\.30 · async\/main 9\.90-19\.8$/m,
      /^what a worker costs/m,
      /^scalability/m,
      /^ {2}io threads\/worker_threads: sigma/m,
      /^fidelity \(work time, medians\):$/m,
      /^ {2}ok {3}threads\/worker_threads: cpu at 1 worker \/ inline/m,
      /^ {2}ok {3}processes\/child_process: io speedup at 8 workers/m,
      /^recommendation/m,
      /^ {2}IO: /m,
      /^ {2}CPU: /m,
      /^wrote results\/x\.msgpack \(44 cells, 0 failed\)/m,
    ]) {
      expect(out).toMatch(section);
    }
    // No fidelity check is left unmeasured, and no cell reads as failed.
    expect(out).not.toMatch(/n\/a |FAILED|MISS/);
  });

  test("the page's analysis has its findings, the article's claims, the fits, the worker cost and the delays", () => {
    const run = analyze(r);
    expect(articleFindings(run).length).toBe(3);
    expect(runFindings(run).length).toBeGreaterThan(0);
    expect(recommend(r).map((x) => x.task)).toEqual(['io', 'cpu']);
    expect(workerCosts(r).map((w) => w.mode)).toEqual(['threads', 'processes']);
    expect(fitRun(r).filter((f) => f.task === 'io' && f.usl.ok)).toHaveLength(3);
    expect(fidelityChecks(r).every((c) => c.status === 'pass')).toBe(true);
    expect(delaySeries(r).map((s) => `${s.task} ${s.mode} ${s.points.length}`)).toContain('cpu async 2');
  });
});
