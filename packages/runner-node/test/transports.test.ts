import { spawn } from 'node:child_process';
import { cpuWork, HubError, liveWorkerPids, measureRoundTrip, runHub } from '@tvp/core';
import { describe, expect, test } from 'vitest';
import { childProcess, workerThreads } from '../dist/index.js';
import { alive, childPids, until } from './procs.ts';

const cpuIters = 20_000;
const base = {
  params: { ioMs: 5, cpuIters },
  timeoutMs: 5_000,
  workerEnv: 'inherit' as const,
  cpuBase: cpuWork(cpuIters, 0),
};

describe.each([
  ['threads', workerThreads],
  ['processes', childProcess],
] as const)('%s on Node', (_mode, transport) => {
  test.each(['io', 'cpu', 'noop'] as const)(
    '%s: a hub run of 12 tasks on 3 workers completes and checks out',
    async (task) => {
      const r = await runHub({ ...base, transport, workers: 3, task, count: 12 });
      expect(r.sample.spawnMs).toBeGreaterThan(0);
      expect(r.sample.teardownMs).toBeGreaterThan(0);
      expect(r.sample.totalMs).toBeCloseTo(r.sample.spawnMs + r.sample.workMs + r.sample.teardownMs, 6);
      expect(r.rssBytesPerWorker).toBeGreaterThanOrEqual(0);
      expect(liveWorkerPids()).toEqual([]);
    },
  );

  test('a task that throws: the run fails with the error, every worker is gone', async () => {
    await expect(runHub({ ...base, transport, workers: 2, task: 'noop', count: 10, fault: 'throw' })).rejects.toThrow(
      /task 5 failed in worker \d: InjectedFault/,
    );
    expect(liveWorkerPids()).toEqual([]);
  });

  test('a worker that exits mid-run: the run fails naming the exit', async () => {
    await expect(runHub({ ...base, transport, workers: 2, task: 'noop', count: 10, fault: 'exit' })).rejects.toThrow(
      /worker \d of 2 stopped during work \(exit code 3\)/,
    );
    expect(liveWorkerPids()).toEqual([]);
  });

  test('a task that hangs: the run fails after --timeout-ms and the busy worker is killed', async () => {
    const t0 = performance.now();
    const pids: number[] = [];
    const watcher = setInterval(() => pids.push(...liveWorkerPids()), 20);
    await expect(
      runHub({ ...base, timeoutMs: 300, transport, workers: 2, task: 'noop', count: 10, fault: 'hang' }),
    ).rejects.toBeInstanceOf(HubError);
    clearInterval(watcher);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(liveWorkerPids()).toEqual([]);
    for (const pid of new Set(pids)) expect(await until(() => !alive(pid), 1000)).toBe(true);
  });

  test('bare round trips are measured', async () => {
    const us = await measureRoundTrip(transport, 50, 'inherit', 5000);
    expect(us).toBeGreaterThan(0);
    expect(liveWorkerPids()).toEqual([]);
  });
});

test('process workers leave when the runner is killed outright (no orphans)', async () => {
  // A runner that starts 3 process workers and then waits forever; we SIGKILL it.
  const script = `
    import { childProcess } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
    import { runHub } from '@tvp/core';
    runHub({ transport: childProcess, workers: 3, task: 'io', params: { ioMs: 60000, cpuIters: 0 }, count: 3,
      timeoutMs: 600000, cpuBase: 0, workerEnv: 'inherit' });
  `;
  const runner = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url),
    stdio: 'ignore',
  });
  const pid = runner.pid as number;
  expect(await until(() => childPids(pid).length === 3, 10_000)).toBe(true);
  const kids = childPids(pid);
  runner.kill('SIGKILL');
  for (const kid of kids) expect(await until(() => !alive(kid), 1000)).toBe(true);
});
