import { describe, expect, test } from 'vitest';
import { preset } from '../cli/presets.ts';
import type { RunConfig } from '../format/types.ts';
import { inMemory } from './in-memory.fixture.ts';
import { inMemoryPool } from './library-pool.fixture.ts';
import { killAllWorkers, liveWorkerCount } from './live-workers.ts';
import { planCells, runSweep } from './sweep.ts';
import type { Transport } from './transport.ts';

const config = (over: Partial<RunConfig> = {}): RunConfig => ({
  ...preset('quick'),
  impls: ['in-memory', 'in-memory-pool'],
  workerEnv: 'inherit',
  preset: 'quick',
  tasks: ['noop'],
  modes: ['threads'],
  workers: [2],
  count: 6,
  repeat: 3,
  warmup: 1,
  ioMs: 2,
  cpuIters: 1000,
  timeoutMs: 2_000,
  ...over,
});

/** An in-memory library pool that counts the pools made. */
function countedPool() {
  const pool = inMemoryPool();
  const counted = { ...pool, made: 0 };
  counted.start = (workers, options) => {
    counted.made++;
    return pool.start(workers, options);
  };
  return counted;
}

/** In-memory workers whose kill reports the exit at once, inside kill(), as Deno does for its threads. */
function exitsInsideKill(): Transport {
  const t = inMemory();
  return {
    ...t,
    start(events, options) {
      const h = t.start(events, options);
      return {
        ...h,
        kill: () => {
          h.kill();
          events.exit({ code: null, signal: 'SIGKILL' });
        },
      };
    },
  };
}

describe('planCells with --pool', () => {
  test('cold and warm cells side by side per mode, impl and workers; baselines once, never warm', () => {
    const cells = planCells(config({ modes: ['threads', 'sequential', 'async'], pools: ['cold', 'warm'] }), [
      inMemory(),
    ]);
    expect(cells.map((c) => `${c.mode}/${c.impl}x${c.workers}${c.warm ? ' warm' : ''}`)).toEqual([
      'sequential/mainx1',
      'threads/in-memoryx2',
      'threads/in-memoryx2 warm',
      'async/mainx2',
    ]);
  });
});

describe('a warm cell', () => {
  test('spawns its workers once, throws away its first batch, measures repeat batches, ends them once', async () => {
    const t = inMemory();
    const runs: string[] = [];
    const r = await runSweep({
      // --warmup 0 still throws one batch away: the workers' first calls are never measured.
      config: config({ pools: ['warm'], warmup: 0 }),
      transports: [t],
      onProgress: (p) => runs.push(`${p.run}/${p.runs}`),
    });
    const cell = r.cells[0];
    expect(cell).toMatchObject({ pool: 'warm', status: 'ok' });
    expect(runs).toEqual(['0/4', '1/4', '2/4', '3/4']);
    expect(t.started).toBe(2);
    expect(t.exited).toBe(2);
    expect(liveWorkerCount()).toBe(0);
    expect(cell?.samples).toHaveLength(3);
    for (const s of cell?.samples ?? []) {
      expect(s.spawnMs).toBe(0);
      expect(s.teardownMs).toBe(0);
      expect(s.totalMs).toBe(s.workMs);
      expect(s.workMs).toBeGreaterThan(0);
    }
    expect(cell?.warmStart?.spawnMs).toBeGreaterThan(0);
    expect(cell?.warmStart?.teardownMs).toBeGreaterThan(0);
    // Per-task times and the loop delay come from the measured batches only.
    expect(cell?.taskTimes?.tasks).toBe(6 * 3);
  });

  test('beside a cold cell: the cold one starts workers every run, the warm one once', async () => {
    const t = inMemory();
    const r = await runSweep({ config: config({ pools: ['cold', 'warm'] }), transports: [t] });
    expect(r.cells.map((c) => c.pool ?? 'cold')).toEqual(['cold', 'warm']);
    // cold: (1 warm-up + 3) runs of 2 workers; warm: 2 workers once.
    expect(t.started).toBe(4 * 2 + 2);
    expect(r.cells[0]?.warmStart).toBeUndefined();
    expect(r.cells[0]?.samples.every((s) => s.spawnMs > 0)).toBe(true);
    // The noop yardstick is paired with the cold cell only.
    expect(r.roundTrips).toHaveLength(0);
  });

  test('a library pool: the same pool object for every batch, destroyed once', async () => {
    const pool = countedPool();
    const r = await runSweep({
      config: config({ pools: ['warm'], impls: ['in-memory-pool'] }),
      transports: [],
      pools: [pool],
    });
    expect(r.cells[0]).toMatchObject({ pool: 'warm', status: 'ok', impl: 'in-memory-pool' });
    expect(r.cells[0]?.samples).toHaveLength(3);
    expect(pool.made).toBe(1);
    expect(pool.log).toMatchObject({ destroyed: 1, killed: 0 });
    expect(r.cells[0]?.warmStart).toBeDefined();
  });

  // A hung task is tested on real workers (runner-node): an in-memory worker's busy loop would hold this thread.
  test.each(['throw', 'exit'] as const)(
    'a task that fails (%s) fails the warm cell, kills its workers and the sweep goes on',
    async (fault) => {
      const t = inMemory();
      const r = await runSweep({
        config: config({ pools: ['warm'], tasks: ['noop', 'io'], fault, timeoutMs: 300 }),
        transports: [t],
      });
      expect(r.cells.map((c) => [c.task, c.status])).toEqual([
        ['noop', 'failed'],
        ['io', 'failed'],
      ]);
      expect(r.cells[0]?.error).toMatch(
        /task 3 failed in worker \d: (InjectedFault|Error: process\.exit)|stopped during work/,
      );
      expect(r.cells[0]?.warmStart).toBeUndefined();
      // Each cell started its 2 workers once (the fault struck in the first batch), and all are gone.
      expect(t.started).toBe(4);
      expect(t.exited).toBe(4);
      expect(liveWorkerCount()).toBe(0);
    },
  );

  test('a library pool whose task fails is killed, not destroyed', async () => {
    const pool = countedPool();
    const r = await runSweep({
      config: config({ pools: ['warm'], impls: ['in-memory-pool'], fault: 'hang', timeoutMs: 200 }),
      transports: [],
      pools: [pool],
    });
    expect(r.cells[0]).toMatchObject({ status: 'failed' });
    expect(r.cells[0]?.error).toMatch(/ran past 200 ms/);
    expect(pool.log).toMatchObject({ destroyed: 0, killed: 1 });
    expect(liveWorkerCount()).toBe(0);
  });

  test('a warm cell runs no arrivals; its cold neighbour does', async () => {
    const r = await runSweep({
      config: config({
        pools: ['cold', 'warm'],
        repeat: 1,
        arrival: { rates: [200], kind: 'fixed', seed: 1, warmupMin: 2, warmupPerWorker: 1, sustainShare: 0.9 },
      }),
      transports: [inMemory()],
    });
    expect(r.cells[0]?.arrivals).toHaveLength(1);
    expect(r.cells[1]?.arrivals).toBeUndefined();
  });

  test.each(['cold', 'warm'] as const)(
    'a signal while a %s cell runs, on workers whose exit is reported inside kill(): the sweep is aborted, the cell is not recorded failed',
    async (pool) => {
      const controller = new AbortController();
      const r = await runSweep({
        config: config({ pools: [pool], tasks: ['noop', 'io'], ioMs: 20, repeat: 3 }),
        transports: [exitsInsideKill()],
        signal: controller.signal,
        onProgress: (p) => {
          // As the CLI's handler does: kill every worker first, then abort, during the io cell's second run.
          if (p.cell.task === 'io' && p.run === 1) {
            setTimeout(() => {
              killAllWorkers();
              controller.abort();
            }, 10);
          }
        },
      });
      expect(r.aborted).toBe(true);
      expect(r.cells.map((c) => `${c.task} ${c.status}`)).toEqual(['noop ok']);
      expect(liveWorkerCount()).toBe(0);
    },
  );

  test.each([
    [
      'replaced by the library',
      'replace',
      /thread 3 answered, not one of the warm pool's workers \(1, 2\): the library replaced a worker that died between batches/,
    ],
    [
      'not replaced',
      'lose',
      /thread 1 of the warm pool no longer takes tasks: a worker died between batches and was not replaced/,
    ],
  ] as const)(
    'a library pool whose worker died between batches, %s: the next batch fails naming it',
    async (_name, how, reason) => {
      const pool = countedPool();
      const batches: number[] = [];
      const r = await runSweep({
        config: config({ pools: ['warm'], impls: ['in-memory-pool'], repeat: 3 }),
        transports: [],
        pools: [pool],
        onProgress: (p) => {
          batches.push(p.run);
          // Before the third batch: the first two ran on the pool as started.
          if (p.run === 2) pool.workers[how](0);
        },
      });
      expect(batches).toEqual([0, 1, 2]);
      expect(r.cells[0]).toMatchObject({ status: 'failed' });
      expect(r.cells[0]?.error).toMatch(reason);
      // The second batch was measured before the worker died; the third was not run.
      expect(r.cells[0]?.samples).toHaveLength(1);
      expect(pool.log).toMatchObject({ destroyed: 0, killed: 1 });
      expect(liveWorkerCount()).toBe(0);
    },
  );
});
