import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { alive, badFlagsSuite, childPids, killWhileHung, until } from '@tvp/testkit';
import { describe, expect, test } from 'vitest';
import { DENO_CLI, results, run, tmp } from './cli.ts';

badFlagsSuite((args) => run([...DENO_CLI, ...args]), tmp, [
  {
    args: ['--impl', 'bun-spawn'],
    message: /--impl: unknown value 'bun-spawn'; accepted: web-worker, worker_threads, child_process, deno-command/,
  },
]);

test('a tiny sweep over both modes and every impl writes one valid file, impl in every cell', () => {
  const out = tmp();
  const r = run([
    ...DENO_CLI,
    ...['--task', 'io,cpu,noop', '--mode', 'all', '--impl', 'all', '--workers', '1,2'],
    ...['--count', '4', '--repeat', '1', '--warmup', '0', '--io-ms', '2', '--cpu-iters', '10000', '--out', out],
  ]);
  expect(r.stderr).not.toMatch(/^error:/m);
  expect(r.code).toBe(0);
  const [res, ...more] = results(out);
  expect(more).toHaveLength(0);
  if (!res) throw new Error('no result file');
  expect(res.env.runtime).toBe('deno');
  expect(res.env.runtimeVersion).toBe(Deno.version.deno);
  // Read through the permissions the runner has: a missing one would leave these empty or fail.
  expect(res.env.cores).toBeGreaterThan(0);
  expect(res.env.memoryBytes).toBeGreaterThan(0);
  expect(res.env.loadavgStart).toHaveLength(3);
  expect(res.tool.gitSha).toMatch(/^[0-9a-f]{40}$/);
  expect(res.config.impls).toEqual(['web-worker', 'worker_threads', 'child_process', 'deno-command']);
  // 3 tasks x (sequential + 2 worker counts x (4 impls + async))
  expect(res.cells).toHaveLength(3 * 11);
  for (const c of res.cells) expect(c.status).toBe('ok');
  expect(res.roundTrips?.map((x) => x.impl)).toEqual(['web-worker', 'worker_threads', 'child_process', 'deno-command']);
  expect(r.stdout).toMatch(/threads\/web-worker +threads\/worker_threads +processes\/child_process/);
});

test('without --impl, the defaults run: the Web Worker and child_process', () => {
  const out = tmp();
  const r = run([
    ...DENO_CLI,
    ...['--task', 'noop', '--mode', 'threads,processes', '--workers', '1', '--count', '2', '--repeat', '1'],
    ...['--quiet', '--out', out],
  ]);
  expect(r.code).toBe(0);
  expect(results(out)[0]?.cells.map((c) => c.impl)).toEqual(['web-worker', 'child_process']);
});

test('--upload sends the file with the permissions the runner starts with', async () => {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      bodies.push(Buffer.concat(parts));
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"stored-1"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const out = tmp();
  // Async: the server answers on this process's event loop.
  const [bin, ...args] = DENO_CLI as [string, ...string[]];
  const r = await new Deno.Command(bin, {
    args: [
      ...args,
      ...['--task', 'noop', '--mode', 'sequential', '--workers', '1', '--count', '2', '--repeat', '1'],
      ...['--quiet', '--out', out, '--upload', url],
    ],
    stdout: 'piped',
    stderr: 'piped',
  })
    .spawn()
    .output();
  server.close();
  expect(new TextDecoder().decode(r.stderr)).not.toMatch(/error|NotCapable/);
  expect(r.code).toBe(0);
  expect(new TextDecoder().decode(r.stdout)).toContain(`uploaded to ${url} as stored-1`);
  expect(bodies).toHaveLength(1);
  expect(results(out)).toHaveLength(1);
});

/**
 * The Deno runner started with `flags` by Deno.Command, its stderr gathered as it comes (for the
 * progress line a test waits on) and its exit code. Deno.Command, not node:child_process: Deno's
 * child_process reports a child that handled SIGINT and exited 130 as killed by the signal, with no
 * exit code (2.9.6).
 */
function startRunner(flags: string[]) {
  const [bin, ...args] = DENO_CLI as [string, ...string[]];
  const runner = new Deno.Command(bin, {
    args: [...args, ...flags],
    stdin: 'null',
    stdout: 'null',
    stderr: 'piped',
  }).spawn();
  let stderr = '';
  void (async () => {
    const text = new TextDecoder();
    for await (const chunk of runner.stderr) stderr += text.decode(chunk, { stream: true });
  })();
  return { runner, stderr: () => stderr, exited: runner.status.then((s) => s.code) };
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s mid-sweep', (signal, exitCode) => {
  test('every process worker of both impls is gone within a second, finished cells are saved', async () => {
    const out = tmp();
    // Fast noop cells, then io cells that would take minutes on 4 process workers.
    const { runner, stderr, exited } = startRunner([
      ...['--task', 'noop,io', '--mode', 'processes', '--impl', 'all', '--workers', '4'],
      ...['--count', '4000', '--io-ms', '200', '--repeat', '1', '--warmup', '0', '--out', out],
    ]);
    const { pid } = runner;
    expect(await until(() => stderr().includes('[3/4]') && childPids(pid).length === 4, 20_000)).toBe(true);
    const kids = childPids(pid);
    const t0 = performance.now();
    runner.kill(signal);
    const code = await exited;
    for (const kid of kids) expect(await until(() => !alive(kid), 1000 - (performance.now() - t0))).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(code).toBe(exitCode);
    const [res] = results(out);
    expect(res?.interrupted).toBe(true);
    expect(res?.cells.map((c) => `${c.task} ${c.impl} ${c.status}`)).toEqual([
      'noop child_process ok',
      'noop deno-command ok',
    ]);
    expect(res?.warnings?.join('\n')).toContain(`stopped by ${signal}`);
  }, 30_000);
});

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s while a warm thread cell runs', (signal, exitCode) => {
  test('the file is marked interrupted and the cell in progress is not recorded failed (as on Node)', async () => {
    const out = tmp();
    // Deno reports a terminated thread's exit at once, before the handler's abort: the exit must
    // not be taken for the cell's failure. io tasks that would take minutes on 2 warm threads.
    const { runner, stderr, exited } = startRunner([
      ...['--task', 'noop,io', '--mode', 'threads', '--impl', 'web-worker,worker_threads', '--workers', '2'],
      ...['--pool', 'warm', '--count', '4000', '--io-ms', '200', '--repeat', '1', '--warmup', '0', '--out', out],
    ]);
    expect(await until(() => stderr().includes('[3/4]'), 20_000)).toBe(true);
    // Into the io cell's warm pool: its start, or its first batch; either was failed before.
    await new Promise((r) => setTimeout(r, 1000));
    runner.kill(signal);
    expect(await exited).toBe(exitCode);
    const [res] = results(out);
    expect(res?.interrupted).toBe(true);
    expect(res?.cells.map((c) => `${c.task} ${c.impl} ${c.status}`)).toEqual([
      'noop web-worker ok',
      'noop worker_threads ok',
    ]);
    expect(res?.warnings?.join('\n')).toContain(`stopped by ${signal}`);
  }, 30_000);
});

describe.each(['child_process', 'deno-command'])('SIGKILL while a %s worker is busy in a hung task', (impl) => {
  test('no process of the run is left within 3 s', async () => {
    // The hung worker never runs its own parent check (its JavaScript thread is busy): the run's reaper ends it.
    const { processes, busy, left } = await killWhileHung([...DENO_CLI, '--impl', impl], tmp());
    expect(busy).toBe(true);
    expect(processes.length).toBeGreaterThanOrEqual(2);
    expect(left).toEqual([]);
  }, 40_000);
});
