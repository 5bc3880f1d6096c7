import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeResult, type ResultFile } from '@tvp/core';
import { alive, badFlagsSuite, childPids, killWhileHung, until } from '@tvp/testkit';
import { describe, expect, test } from 'vitest';

const CLI = new URL('../dist/cli.js', import.meta.url).pathname;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'tvp-cli-'));

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function onlyResult(dir: string): ResultFile {
  // Dot entries are not results: the summaries' folder (README.md, "Result file").
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  expect(files).toHaveLength(1);
  const file = path.join(dir, files[0] as string);
  return decodeResult(readFileSync(file), file);
}

badFlagsSuite(cli, tmp, [
  {
    args: ['--impl', 'web-worker'],
    message:
      /--impl: unknown value 'web-worker'; accepted: worker_threads, piscina, tinypool, workerpool, poolifier, child_process, tinypool-process, workerpool-process, poolifier-cluster/,
  },
]);

test('--help prints every contract flag and exits 0', () => {
  const r = cli(['--help']);
  expect(r.code).toBe(0);
  for (const flag of [
    '--task',
    '--mode',
    '--workers',
    '--count',
    '--repeat',
    '--warmup',
    '--io-ms',
    '--cpu-iters',
    '--timeout-ms',
    '--out',
    '--label',
    '--quick',
    '--upload',
    '--help',
  ]) {
    expect(r.stdout).toContain(flag);
  }
});

test('a tiny sweep writes one valid file that discloses the environment, and a summary', () => {
  const out = tmp();
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem', UV_THREADPOOL_SIZE: '7' };
  const r = cli(
    [
      '--task',
      'io,cpu,noop',
      '--workers',
      '1,2',
      '--count',
      '6',
      '--repeat',
      '2',
      '--io-ms',
      '2',
      '--cpu-iters',
      '10000',
      '--label',
      'test-box',
      '--out',
      out,
    ],
    env,
  );
  expect(r.stderr).not.toMatch(/^error:/m);
  expect(r.code).toBe(0);
  const res = onlyResult(out);
  expect(res.env.runtime).toBe('node');
  expect(res.env.runtimeVersion).toBe(process.versions.node);
  expect(res.env.label).toBe('test-box');
  expect(res.env.vars).toMatchObject({ NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem', UV_THREADPOOL_SIZE: '7' });
  expect(res.env.loadavgStart).toHaveLength(3);
  expect(res.env.loadavgEnd).toHaveLength(3);
  expect(res.config).toMatchObject({ count: 6, repeat: 2, ioMs: 2, cpuIters: 10000, workers: [1, 2] });
  // 3 tasks x (sequential + 2 worker counts x (threads, processes, async))
  expect(res.cells).toHaveLength(3 * 7);
  for (const c of res.cells) {
    expect(c.status).toBe('ok');
    expect(c.samples).toHaveLength(2);
  }
  expect(res.cells.find((c) => c.mode === 'threads')?.impl).toBe('worker_threads');
  expect(res.cells.find((c) => c.mode === 'processes')?.impl).toBe('child_process');
  expect(res.roundTrips?.map((x) => x.impl)).toEqual(['worker_threads', 'child_process']);
  expect(res.warnings?.join('\n')).toMatch(/NODE_EXTRA_CA_CERTS is set/);
  expect(r.stdout).toMatch(/workers +sequential\/main +threads\/worker_threads/);
  expect(r.stdout).toMatch(/harness cost per task/);
  expect(r.stdout).toMatch(/wrote .*\.msgpack \(21 cells, 0 failed\)/);
});

test('--worker-env clean starts process workers without NODE_EXTRA_CA_CERTS, and says so in the file', () => {
  const out = tmp();
  const r = cli(
    [
      '--task',
      'noop',
      '--mode',
      'processes',
      '--workers',
      '1',
      '--count',
      '2',
      '--repeat',
      '1',
      '--worker-env',
      'clean',
      '--out',
      out,
    ],
    {
      ...process.env,
      NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem',
    },
  );
  expect(r.code).toBe(0);
  expect(onlyResult(out).config.workerEnv).toBe('clean');
});

describe.each(['throw', 'exit', 'hang'] as const)('--fault %s', (fault) => {
  test('each worker cell fails with its reason, the sweep goes on, the exit code is 1', () => {
    const out = tmp();
    const r = cli([
      '--task',
      'noop',
      '--mode',
      'threads,processes,sequential',
      '--workers',
      '1,2',
      '--count',
      '6',
      '--repeat',
      '1',
      // Room for 2 process workers to start on a loaded 2-core machine; a hung task still fails.
      '--timeout-ms',
      '1500',
      '--fault',
      fault,
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    const res = onlyResult(out);
    const failed = res.cells.filter((c) => c.status === 'failed');
    expect(failed.map((c) => `${c.mode}x${c.workers}`)).toEqual([
      'threadsx1',
      'processesx1',
      'threadsx2',
      'processesx2',
    ]);
    const reason = { throw: /InjectedFault/, exit: /stopped during work \(exit code 3\)/, hang: /ran past 1500 ms/ }[
      fault
    ];
    for (const c of failed) expect(c.error).toMatch(reason);
    expect(res.cells.find((c) => c.mode === 'sequential')?.status).toBe('ok');
    expect(r.stdout).toMatch(/4 cell\(s\) failed/);
  });
});

/**
 * How long a signal may take to end the runner and its workers: a second, or four times what
 * starting and ending a bare Node takes right now if that is longer. A loaded machine (a load of 20
 * on 2 cores) stretched the exit past a fixed second; a runner that waited for its tasks instead of
 * killing its workers would still take the io cell's minutes.
 */
function stopLimitMs(): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return Math.max(1000, 4 * (performance.now() - t0));
}

async function interrupt(signal: 'SIGINT' | 'SIGTERM') {
  const out = tmp();
  // A fast noop cell, then an io cell that would take minutes on 4 process workers.
  const runner: ChildProcess = spawn(
    process.execPath,
    [
      CLI,
      '--task',
      'noop,io',
      '--mode',
      'processes',
      '--workers',
      '4',
      '--count',
      '4000',
      '--io-ms',
      '200',
      '--repeat',
      '1',
      '--warmup',
      '0',
      '--out',
      out,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  runner.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => runner.on('exit', (code) => resolve(code)));
  const pid = runner.pid as number;
  expect(await until(() => stderr.includes('[2/2]') && childPids(pid).length === 4, 20_000)).toBe(true);
  const kids = childPids(pid);
  const limit = stopLimitMs();
  const t0 = performance.now();
  runner.kill(signal);
  const code = await exited;
  for (const kid of kids) expect(await until(() => !alive(kid), limit - (performance.now() - t0))).toBe(true);
  expect(performance.now() - t0).toBeLessThan(limit);
  const res = onlyResult(out);
  expect(res.interrupted).toBe(true);
  expect(res.cells.map((c) => `${c.task} ${c.status}`)).toEqual(['noop ok']);
  expect(res.warnings?.join('\n')).toContain(`stopped by ${signal}`);
  return code;
}

test('SIGINT mid-sweep: every process worker is gone within a second (stopLimitMs), finished cells are saved, exit 130', async () => {
  expect(await interrupt('SIGINT')).toBe(130);
});

test('SIGTERM mid-sweep: the same, exit 143', async () => {
  expect(await interrupt('SIGTERM')).toBe(143);
});

test('SIGKILL while a process worker is busy in a hung task: no process of the run is left within 3 s', async () => {
  // The hung worker never runs its own parent check (its JavaScript thread is busy): the run's reaper ends it.
  const { processes, busy, left } = await killWhileHung([process.execPath, CLI], tmp());
  expect(busy).toBe(true);
  expect(processes.length).toBeGreaterThanOrEqual(2);
  expect(left).toEqual([]);
}, 40_000);

/** Start the runner with `args`, send `signal` once `ready(stderr)` holds and `afterMs` more passed. */
async function stopDuring(args: string[], ready: (stderr: string) => boolean, afterMs: number) {
  const out = tmp();
  const runner = spawn(process.execPath, [CLI, ...args, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  runner.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => runner.on('exit', (code) => resolve(code)));
  expect(await until(() => ready(stderr), 20_000)).toBe(true);
  await new Promise((r) => setTimeout(r, afterMs));
  const limitMs = stopLimitMs();
  const t0 = performance.now();
  runner.kill('SIGINT');
  const code = await exited;
  return { code, ms: performance.now() - t0, limitMs, res: onlyResult(out) };
}

// About 50 ms a task here: 20 tasks make a run of 1 s, and 50 repeats nearly a minute.
const MAIN_CPU = ['--task', 'cpu', '--cpu-iters', '30000000', '--count', '20', '--repeat', '50', '--warmup', '0'];

describe.each([
  ['sequential', '1'],
  ['async', '2'],
])('SIGINT during main-thread cpu work (%s)', (mode, workers) => {
  test('exit 130 within a second (stopLimitMs), the file marked interrupted', async () => {
    const { code, ms, limitMs, res } = await stopDuring(
      [...MAIN_CPU, '--mode', mode, '--workers', workers],
      (s) => s.includes('[1/1]'),
      1500,
    );
    expect(code).toBe(130);
    expect(ms).toBeLessThan(limitMs);
    expect(res.interrupted).toBe(true);
    expect(res.cells).toEqual([]);
  }, 30_000);
});

test('SIGINT while the expected cpu answers are worked out, before any cell: exit 130 within a second (stopLimitMs)', async () => {
  // 200 tasks of about 50 ms: 10 s of answers to work out before the first cell.
  const { code, ms, limitMs, res } = await stopDuring(
    ['--task', 'cpu', '--cpu-iters', '30000000', '--count', '200', '--mode', 'sequential', '--workers', '1'],
    () => true,
    1000,
  );
  expect(code).toBe(130);
  expect(ms).toBeLessThan(limitMs);
  expect(res.interrupted).toBe(true);
}, 30_000);

describe('the batch set by pnpm bench (TVP_BATCH_ID, TVP_ROUND, TVP_ROUNDS)', () => {
  const tiny = ['--task', 'io', '--mode', 'sequential', '--workers', '1', '--count', '2', '--io-ms', '1'];
  const sweep = (vars: Record<string, string>) => {
    const out = tmp();
    const r = cli([...tiny, '--repeat', '1', '--warmup', '0', '--quiet', '--out', out], { ...process.env, ...vars });
    return { ...r, result: onlyResult(out) };
  };

  test('recorded in the file when all three are well formed', () => {
    const r = sweep({ TVP_BATCH_ID: 'b-1', TVP_ROUND: '2', TVP_ROUNDS: '3' });
    expect(r.code).toBe(0);
    expect(r.result.batch).toEqual({ id: 'b-1', round: 2, rounds: 3 });
    expect(r.stderr).not.toMatch(/warning/);
  });

  test('malformed: the sweep still runs, without a batch, and stderr says which variable', () => {
    const r = sweep({ TVP_BATCH_ID: 'b-1', TVP_ROUND: '4', TVP_ROUNDS: '3' });
    expect(r.code).toBe(0);
    expect(r.result).not.toHaveProperty('batch');
    expect(r.stderr).toMatch(/^warning: ignoring TVP_ROUND="4" .*without a batch$/m);
  });
});
