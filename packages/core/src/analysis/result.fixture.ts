import type { Cell, ResultFile, RunConfig } from '../format/types.ts';

/** What a test run changes from a default one: its config, env fields and cells by total times. */
export interface FakeRun {
  id?: string;
  runtime?: string;
  label?: string;
  config?: Partial<RunConfig>;
  batch?: ResultFile['batch'];
  /** Total times per cell, keyed `task mode workers` ('cpu threads 2'); impl is 'x', spawn 1 ms. */
  totals?: Record<string, number[]>;
}

/** A small, valid result file for analysis tests: no sweep is run. */
export function fakeRun(o: FakeRun = {}): ResultFile {
  const cells: Cell[] = Object.entries(o.totals ?? { 'cpu threads 1': [100, 101, 102] }).map(([k, totals]) => {
    const [task, mode, workers] = k.split(' ') as [Cell['task'], Cell['mode'], string];
    return {
      task,
      mode,
      impl: 'x',
      workers: Number(workers),
      status: 'ok',
      samples: totals.map((t) => ({ totalMs: t, spawnMs: 1, workMs: t - 2, teardownMs: 1 })),
    };
  });
  const label = o.label ?? 'box';
  return {
    schemaVersion: 1,
    id: o.id ?? 'run-1',
    createdAt: '2026-11-25T20:00:00.000Z',
    tool: { name: 'threads-vs-processes', version: '0.1.0' },
    env: {
      runtime: o.runtime ?? 'node',
      runtimeVersion: '1',
      os: 'linux',
      arch: 'x64',
      kernel: '6.1',
      cpuModel: 'Test CPU',
      cores: 2,
      availableParallelism: 2,
      memoryBytes: 1e9,
      hostname: label,
      label,
      loadavgStart: [],
      loadavgEnd: [],
      vars: {},
    },
    config: {
      tasks: ['io', 'cpu'],
      modes: ['threads'],
      impls: ['x'],
      workers: [1, 2],
      workerSet: 'custom',
      count: 100,
      repeat: 3,
      warmup: 0,
      ioMs: 20,
      cpuIters: 6_000_000,
      timeoutMs: 1000,
      workerEnv: 'inherit',
      preset: 'default',
      ...o.config,
    },
    cells,
    ...(o.batch ? { batch: o.batch } : {}),
  };
}
