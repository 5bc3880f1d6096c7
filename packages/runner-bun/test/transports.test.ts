import { cpuWork, HubError, liveWorkerPids, measureRoundTrip, runHub } from '@tvp/core';
import { describe, expect, test } from 'vitest';
import { bunSpawn, childProcess, webWorker, workerThreads } from '../src/index.ts';
import { alive, childPids, until } from './procs.ts';

const cpuIters = 20_000;
const base = {
  params: { ioMs: 5, cpuIters },
  timeoutMs: 5_000,
  workerEnv: 'inherit' as const,
  cpuBase: cpuWork(cpuIters, 0),
};

describe.each([
  ['threads', 'web-worker', webWorker],
  ['threads', 'worker_threads', workerThreads],
  ['processes', 'bun-spawn', bunSpawn],
  ['processes', 'child_process', childProcess],
] as const)('%s/%s on Bun', (mode, impl, transport) => {
  test('is the transport it claims', () => {
    expect(transport.mode).toBe(mode);
    expect(transport.impl).toBe(impl);
  });

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

  test('a worker that exits mid-run (crash): only that worker ends, the run fails naming the exit', async () => {
    await expect(runHub({ ...base, transport, workers: 2, task: 'noop', count: 10, fault: 'exit' })).rejects.toThrow(
      /worker \d of 2 stopped during work \(exit code 3\)/,
    );
    expect(liveWorkerPids()).toEqual([]);
    // This process is still here to say so, and the next run works.
    const r = await runHub({ ...base, transport, workers: 1, task: 'noop', count: 3 });
    expect(r.sample.workMs).toBeGreaterThan(0);
  });

  test('a task that hangs: the run fails after --timeout-ms and the busy worker is stopped', async () => {
    const t0 = performance.now();
    const pids: number[] = [];
    const watcher = setInterval(() => pids.push(...liveWorkerPids()), 20);
    await expect(
      runHub({ ...base, timeoutMs: 300, transport, workers: 2, task: 'noop', count: 10, fault: 'hang' }),
    ).rejects.toThrow(/ran past 300 ms/);
    clearInterval(watcher);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(liveWorkerPids()).toEqual([]);
    if (mode === 'processes') expect(pids.length).toBeGreaterThan(0);
    for (const pid of new Set(pids)) expect(await until(() => !alive(pid), 1000)).toBe(true);
    // A busy thread that was not stopped would still burn a core: measure this process's CPU.
    const before = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 300));
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(150);
  });

  test('bare round trips are measured', async () => {
    const us = await measureRoundTrip(transport, 50, 'inherit', 5000);
    expect(us).toBeGreaterThan(0);
    expect(liveWorkerPids()).toEqual([]);
  });
});

test('a HubError is what a failed run throws', async () => {
  await expect(
    runHub({ ...base, transport: webWorker, workers: 1, task: 'noop', count: 2, fault: 'throw' }),
  ).rejects.toBeInstanceOf(HubError);
});

describe.each([
  ['bun-spawn', 'bunSpawn'],
  ['child_process', 'childProcess'],
] as const)('%s workers when the runner is killed outright', (_impl, name) => {
  test('leave at once (no orphans)', async () => {
    // A runner that starts 3 process workers and then waits forever; we SIGKILL it.
    const script = `
      import { ${name} } from ${JSON.stringify(new URL('../src/index.ts', import.meta.url).href)};
      import { runHub } from '@tvp/core';
      runHub({ transport: ${name}, workers: 3, task: 'io', params: { ioMs: 60000, cpuIters: 0 }, count: 3,
        timeoutMs: 600000, cpuBase: 0, workerEnv: 'inherit' });
    `;
    const runner = Bun.spawn([process.execPath, '-e', script], {
      cwd: new URL('..', import.meta.url).pathname,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    expect(await until(() => childPids(runner.pid).length === 3, 10_000)).toBe(true);
    const kids = childPids(runner.pid);
    runner.kill('SIGKILL');
    for (const kid of kids) expect(await until(() => !alive(kid), 1000)).toBe(true);
  });
});
