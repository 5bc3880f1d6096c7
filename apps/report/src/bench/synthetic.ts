import type { Batch, Cell, Mode, ResultFile, RunConfig, TaskKind } from '@tvp/core';
import { seeded } from '@tvp/core/analysis';

/** How a synthetic runtime behaves: what one worker costs to start, per kind. */
export interface FixtureOptions {
  runtime: 'node' | 'bun' | 'deno' | 'cpython';
  id?: string;
  label?: string;
  createdAt?: string;
  workers?: number[];
  tasks?: TaskKind[];
  repeat?: number;
  cores?: number;
  count?: number;
  /** One io task's wait, ms (20 by default, 10 in a quick run). */
  ioMs?: number;
  /** One cpu task's rounds (6,000,000 by default, 2,000,000 in a quick run); its time scales with them. */
  cpuIters?: number;
  preset?: RunConfig['preset'];
  batch?: Batch;
  spawnMs?: { threads: number; processes: number };
  /** Seed of the sample noise, so two fixtures of one runtime differ. */
  seed?: number;
  /** Multiplies every work time: a slower or faster runtime. */
  speed?: number;
}

const IMPLS: Record<FixtureOptions['runtime'], { threads: string; processes: string }> = {
  node: { threads: 'worker_threads', processes: 'child_process' },
  bun: { threads: 'web-worker', processes: 'bun-spawn' },
  deno: { threads: 'web-worker', processes: 'child_process' },
  cpython: { threads: 'ThreadPoolExecutor', processes: 'ProcessPoolExecutor-fork' },
};

/** Versions written into a synthetic run's env. */
const VERSIONS: Record<FixtureOptions['runtime'], string> = {
  node: '20.20.2',
  bun: '1.4.5',
  deno: '2.9.6',
  cpython: '3.11.7',
};

/** What one worker costs to start, ms, by runtime (TOOLCHAIN.md's measured starts; CPython's threads are cheap, fork is not). */
const SPAWN_MS: Record<FixtureOptions['runtime'], { threads: number; processes: number }> = {
  node: { threads: 46, processes: 116 },
  bun: { threads: 3.4, processes: 8.4 },
  deno: { threads: 18, processes: 63 },
  cpython: { threads: 0.3, processes: 12 },
};

/**
 * A plausible result file without running anything: io overlaps without limit, cpu is bounded by
 * the cores (JavaScript has no GIL; CPython's threads hold the GIL, so one lane), processes start
 * slower than threads, samples vary by ~3%.
 */
export function makeResult(o: FixtureOptions): ResultFile {
  const rand = seeded(o.seed ?? 1);
  const workers = o.workers ?? [1, 2, 3, 4, 5, 6, 7, 8];
  const tasks = o.tasks ?? ['io', 'cpu'];
  const count = o.count ?? 100;
  const cores = o.cores ?? 2;
  const repeat = o.repeat ?? 5;
  const speed = o.speed ?? 1;
  const spawn = o.spawnMs ?? SPAWN_MS[o.runtime];
  const gil = o.runtime === 'cpython';
  const ioMs = o.ioMs ?? 20;
  const cpuIters = o.cpuIters ?? 6_000_000;
  const cpuMs = 10 * speed * (cpuIters / 6_000_000);
  const noise = () => 1 + (rand() - 0.5) * 0.06;
  const cells: Cell[] = [];
  const modes: Mode[] = ['sequential', 'threads', 'processes', 'async'];
  for (const task of tasks) {
    for (const mode of modes) {
      for (const n of mode === 'sequential' ? [1] : workers) {
        const pool = mode === 'threads' || mode === 'processes';
        const lanes =
          task === 'io'
            ? mode === 'sequential'
              ? 1
              : n
            : pool && !(gil && mode === 'threads')
              ? Math.min(n, cores)
              : 1;
        const per = task === 'io' ? ioMs : task === 'cpu' ? cpuMs : 0.05;
        const samples = Array.from({ length: repeat }, () => {
          const spawnMs = pool ? spawn[mode] * (1 + 0.15 * (n - 1)) * noise() : 0;
          const workMs = Math.ceil(count / lanes) * per * noise() + (pool ? 2 : 0);
          const teardownMs = pool ? (1 + 0.3 * n) * noise() : 0;
          return { totalMs: spawnMs + workMs + teardownMs, spawnMs, workMs, teardownMs };
        });
        const impl = pool ? IMPLS[o.runtime][mode] : gil && mode === 'async' ? 'asyncio' : 'main';
        cells.push({ task, mode, impl, workers: n, status: 'ok', samples });
      }
    }
  }
  const label = o.label ?? 'ci-box';
  return {
    schemaVersion: 1,
    id: o.id ?? `${o.runtime}-${label}-${o.seed ?? 1}-0000-fixture`,
    createdAt: o.createdAt ?? '2026-11-20T10:00:00.000Z',
    tool: { name: 'threads-vs-processes', version: '0.1.0' },
    env: {
      runtime: o.runtime,
      runtimeVersion: VERSIONS[o.runtime],
      os: 'linux',
      arch: 'x64',
      kernel: '6.1.0',
      cpuModel: 'Test CPU',
      cores,
      availableParallelism: cores,
      memoryBytes: 8 * 1024 ** 3,
      hostname: label,
      label,
      loadavgStart: [0.2, 0.1, 0.1],
      loadavgEnd: [0.9, 0.3, 0.1],
      vars: {},
    },
    config: {
      tasks,
      modes,
      impls: Object.values(IMPLS[o.runtime]),
      workers,
      workerSet: workers.some((n) => n > 8) ? 'extended' : 'standard',
      count,
      repeat,
      warmup: 1,
      ioMs,
      cpuIters,
      timeoutMs: 30_000,
      workerEnv: 'inherit',
      preset: o.preset ?? 'default',
    },
    cells,
    durationMs: 60_000,
    ...(o.batch ? { batch: o.batch } : {}),
  };
}

/** Two runtimes on one machine, each with an older and a newer 1..8 run, plus a Node extended run. */
export function twoRuntimes(): ResultFile[] {
  return [
    makeResult({ runtime: 'node', seed: 1, createdAt: '2026-11-20T10:00:00.000Z' }),
    makeResult({ runtime: 'node', seed: 2, createdAt: '2026-11-21T10:00:00.000Z', speed: 1.3 }),
    makeResult({ runtime: 'bun', seed: 3, createdAt: '2026-11-20T11:00:00.000Z' }),
    makeResult({ runtime: 'bun', seed: 4, createdAt: '2026-11-21T11:00:00.000Z', speed: 0.8 }),
    makeResult({
      runtime: 'node',
      seed: 5,
      createdAt: '2026-11-19T10:00:00.000Z',
      workers: [1, 2, 4, 8, 16, 32, 64],
      repeat: 3,
    }),
  ];
}

/** One default run of each of the four runtimes on one machine, plus a Node extended sweep: the report page's fixture. */
export function fourRuntimes(): ResultFile[] {
  const runtimes = ['node', 'bun', 'deno', 'cpython'] as const;
  return [
    ...runtimes.map((runtime, i) =>
      makeResult({
        runtime,
        seed: 11 + i,
        createdAt: `2026-11-20T1${i}:00:00.000Z`,
        speed: runtime === 'cpython' ? 4 : runtime === 'bun' ? 0.8 : 1,
      }),
    ),
    makeResult({
      runtime: 'node',
      seed: 15,
      createdAt: '2026-11-19T10:00:00.000Z',
      workers: [1, 2, 4, 8, 16, 32, 64],
      repeat: 3,
    }),
  ];
}
