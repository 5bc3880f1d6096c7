import { alive, badFlagsSuite, childPids, killWhileHung, until } from '@tvp/testkit';
import { describe, expect, test } from 'vitest';
import { CLI, results, run, tmp } from './cli.ts';

badFlagsSuite((args) => run([process.execPath, CLI, ...args]), tmp, [
  {
    args: ['--impl', 'fork'],
    message:
      /--impl: unknown value 'fork'; accepted: web-worker, worker_threads, piscina, tinypool, workerpool, poolifier, workerpool-web, bun-spawn, child_process, tinypool-process, workerpool-process, poolifier-cluster/,
  },
]);

test('a tiny sweep over both modes and every impl writes one valid file, impl in every cell', () => {
  const out = tmp();
  const r = run([
    process.execPath,
    CLI,
    ...['--task', 'io,cpu,noop', '--mode', 'all', '--impl', 'all', '--workers', '1,2'],
    ...['--count', '4', '--repeat', '1', '--warmup', '0', '--io-ms', '2', '--cpu-iters', '10000', '--out', out],
  ]);
  expect(r.stderr).not.toMatch(/^error:/m);
  expect(r.code).toBe(0);
  const [res, ...more] = results(out);
  expect(more).toHaveLength(0);
  if (!res) throw new Error('no result file');
  expect(res.env.runtime).toBe('bun');
  expect(res.env.runtimeVersion).toBe(Bun.version);
  expect(res.config.impls).toEqual(['web-worker', 'worker_threads', 'bun-spawn', 'child_process']);
  // 3 tasks x (sequential + 2 worker counts x (4 impls + async))
  expect(res.cells).toHaveLength(3 * 11);
  for (const c of res.cells) expect(c.status).toBe('ok');
  const impls = (mode: string) => [...new Set(res.cells.filter((c) => c.mode === mode).map((c) => c.impl))];
  expect(impls('threads')).toEqual(['web-worker', 'worker_threads']);
  expect(impls('processes')).toEqual(['bun-spawn', 'child_process']);
  expect(res.roundTrips?.map((x) => x.impl)).toEqual(['web-worker', 'worker_threads', 'bun-spawn', 'child_process']);
  expect(r.stdout).toMatch(/threads\/web-worker +threads\/worker_threads +processes\/bun-spawn/);
});

test('--worker-env clean starts both kinds of process worker, and says so in the file', () => {
  const out = tmp();
  const r = run(
    [
      process.execPath,
      CLI,
      ...['--task', 'noop', '--mode', 'processes', '--impl', 'all', '--workers', '1'],
      ...['--count', '2', '--repeat', '1', '--worker-env', 'clean', '--quiet', '--out', out],
    ],
    { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' },
  );
  expect(r.code).toBe(0);
  const [res] = results(out);
  expect(res?.config.workerEnv).toBe('clean');
  expect(res?.cells.map((c) => `${c.impl} ${c.status}`)).toEqual(['bun-spawn ok', 'child_process ok']);
});

test('without --impl, the Bun primitives run', () => {
  const out = tmp();
  const r = run([
    process.execPath,
    CLI,
    '--task',
    'noop',
    '--mode',
    'threads,processes',
    '--workers',
    '1',
    '--count',
    '2',
    '--repeat',
    '1',
    '--quiet',
    '--out',
    out,
  ]);
  expect(r.code).toBe(0);
  expect(results(out)[0]?.cells.map((c) => c.impl)).toEqual(['web-worker', 'bun-spawn']);
});

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s mid-sweep', (signal, exitCode) => {
  test('every process worker of both impls is gone within a second, finished cells are saved', async () => {
    const out = tmp();
    // Fast noop cells, then io cells that would take minutes on 4 process workers.
    const runner = Bun.spawn(
      [
        process.execPath,
        CLI,
        ...['--task', 'noop,io', '--mode', 'processes', '--impl', 'all', '--workers', '4'],
        ...['--count', '4000', '--io-ms', '200', '--repeat', '1', '--warmup', '0', '--out', out],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    void (async () => {
      for await (const chunk of runner.stderr) stderr += new TextDecoder().decode(chunk);
    })();
    expect(await until(() => stderr.includes('[3/4]') && childPids(runner.pid).length === 4, 20_000)).toBe(true);
    const kids = childPids(runner.pid);
    const t0 = performance.now();
    runner.kill(signal);
    const code = await runner.exited;
    for (const kid of kids) expect(await until(() => !alive(kid), 1000 - (performance.now() - t0))).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(code).toBe(exitCode);
    const [res] = results(out);
    expect(res?.interrupted).toBe(true);
    expect(res?.cells.map((c) => `${c.task} ${c.impl} ${c.status}`)).toEqual([
      'noop bun-spawn ok',
      'noop child_process ok',
    ]);
    expect(res?.warnings?.join('\n')).toContain(`stopped by ${signal}`);
  }, 30_000);
});

describe.each(['bun-spawn', 'child_process'])('SIGKILL while a %s worker is busy in a hung task', (impl) => {
  test('no process of the run is left within 3 s', async () => {
    // The hung worker never runs its own parent check (its JavaScript thread is busy): the run's reaper ends it.
    const { processes, busy, left } = await killWhileHung([process.execPath, CLI, '--impl', impl], tmp());
    expect(busy).toBe(true);
    expect(processes.length).toBeGreaterThanOrEqual(2);
    expect(left).toEqual([]);
  }, 40_000);
});
