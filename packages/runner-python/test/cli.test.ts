import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alive, badFlagsSuite, until } from '@tvp/testkit';
import { describe, expect, test } from 'vitest';
import { CLI, descendants, onlyResult, run, SWEEP, tmp } from './helpers.ts';

/** An executable shell script standing in for the interpreter. */
function fakePython(body: string): string {
  const file = path.join(tmp(), 'python');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const TINY = ['--task', 'io', '--mode', 'sequential', '--count', '2', '--repeat', '1', '--io-ms', '1'];

describe('without a Python interpreter', () => {
  test.each([
    ['TVP_PYTHON names no file', { TVP_PYTHON: '/nonexistent/python3' }, /\/nonexistent\/python3 not found/],
    ['PATH has no python3', { PATH: '/nonexistent', TVP_PYTHON: '' }, /python3 not found: install Python 3.9/],
  ])('%s: the CLI says so, exits 1 and writes nothing', (_name, vars, message) => {
    const out = path.join(tmp(), 'results');
    const r = run(CLI, [...TINY, '--out', out], { ...process.env, ...vars });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/TVP_PYTHON/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(out)).toBe(false);
  });

  test('the sweep script prints one line that it is skipped and exits 0, so that pnpm bench goes on', () => {
    const out = path.join(tmp(), 'results');
    const r = run(SWEEP, [...TINY, '--out', out], { ...process.env, PATH: '/nonexistent', TVP_PYTHON: '' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('cpython: skipped, python3 not found (set TVP_PYTHON to a Python 3.9+ interpreter)\n');
    expect(existsSync(out)).toBe(false);
  });
});

describe('a Python that fails: a clear message, exit 1, nothing written', () => {
  test.each([
    ['TVP_PYTHON is `false`', '/bin/false', /\/bin\/false exited with code 1 before the sweep ended and said nothing/],
    [
      'a bad argument reaches the program',
      fakePython('exec python3 "$@" --bogus'),
      /exited with code 2 before the sweep ended:\ntvp_sweep: unexpected argument\(s\) --bogus: the config comes on stdin/,
    ],
    [
      'a traceback',
      fakePython('exec python3 -c "raise RuntimeError(\'boom in python\')"'),
      /exited with code 1 before the sweep ended:\n(.|\n)*RuntimeError: boom in python/,
    ],
    [
      'a line that is not the protocol',
      fakePython('echo "hello world"'),
      /python output line 1 "hello world": not JSON/,
    ],
    [
      'a line of an unknown kind',
      fakePython(`echo '{"t":"surprise"}'`),
      /python output line 1 "{\\"t\\":\\"surprise\\"}": unknown line kind "surprise"/,
    ],
    [
      'output that stops mid-sweep',
      fakePython(`python3 "$@" | head -n 3`),
      /exited without finishing the sweep \(no end line\)/,
    ],
  ])('%s', (_name, python, message) => {
    const out = path.join(tmp(), 'results');
    const r = run(CLI, [...TINY, '--out', out], { ...process.env, TVP_PYTHON: python });
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});

test('what Python says on stderr during a sweep that succeeds is kept as a warning', () => {
  const out = tmp();
  const python = fakePython('echo "a note from python" >&2\nexec python3 "$@"');
  const r = run(CLI, [...TINY, '--out', out, '--quiet'], { ...process.env, TVP_PYTHON: python });
  expect(r.code).toBe(0);
  expect(onlyResult(out).warnings).toContain('python wrote to stderr: a note from python');
});

// Core's flags are refused before any Python runs: the interpreter named would fail at once.
badFlagsSuite((args) => run(CLI, args, { ...process.env, TVP_PYTHON: '/bin/false' }), tmp, [
  {
    args: ['--impl', 'worker_threads'],
    message:
      /--impl: unknown value 'worker_threads'; accepted: ThreadPoolExecutor, ProcessPoolExecutor-fork, ProcessPoolExecutor-spawn, ProcessPoolExecutor-forkserver/,
  },
]);

test('--arrival-rate is refused with exit 2 and the reason, before any Python runs, nothing written', () => {
  const out = tmp();
  const r = run(CLI, ['--arrival-rate', '50', '--out', out], { ...process.env, TVP_PYTHON: '/bin/false' });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--arrival-rate: the CPython runner does not run tasks arriving over time/);
  expect(readdirSync(out)).toEqual([]);
});

test('--task payload is refused with exit 2 and the reason, before any Python runs, nothing written', () => {
  const out = tmp();
  const r = run(CLI, ['--task', 'payload', '--out', out], { ...process.env, TVP_PYTHON: '/bin/false' });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--task payload: the CPython runner does not run the payload task/);
  expect(readdirSync(out)).toEqual([]);
});

test('--task-module is refused with exit 2 and the reason, before any Python runs, nothing written', () => {
  const out = tmp();
  const mod = path.join(tmp(), 'task.mjs');
  writeFileSync(mod, 'export default (x) => x;\n');
  const r = run(CLI, ['--task-module', mod, '--out', out], { ...process.env, TVP_PYTHON: '/bin/false' });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--task-module: the CPython runner cannot run a JavaScript task module/);
  expect(readdirSync(out)).toEqual([]);
});

test('a tiny real sweep writes a file core reads, with cpython cells of every mode and impl', () => {
  const out = tmp();
  const r = run(CLI, [
    '--task',
    'io,cpu,noop',
    '--impl',
    'all',
    '--workers',
    '1,2',
    '--count',
    '4',
    '--repeat',
    '2',
    '--warmup',
    '0',
    '--io-ms',
    '2',
    '--cpu-iters',
    '200000',
    '--label',
    'py-box',
    '--quiet',
    '--out',
    out,
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const res = onlyResult(out);
  expect(res.env.runtime).toBe('cpython');
  expect(res.env.runtimeVersion).toMatch(/^3\.\d+\.\d+/);
  expect(res.env.vars['python.implementation']).toBe('CPython');
  expect(res.env.vars['python.gil']).toMatch(/^(enabled|disabled)$/);
  expect(res.env.vars['python.cpuItersAsked']).toBe('200000');
  expect(res.config.impls).toEqual([
    'ThreadPoolExecutor',
    'ProcessPoolExecutor-fork',
    'ProcessPoolExecutor-spawn',
    'ProcessPoolExecutor-forkserver',
  ]);
  // The rounds CPython ran, not the rounds asked for, and the reason in a warning.
  expect(res.config.cpuIters).toBeGreaterThan(0);
  expect(res.config.cpuIters).toBeLessThan(200_000);
  // Two significant digits, so that runs on one machine usually ran the same rounds.
  expect(Number(res.config.cpuIters.toPrecision(2))).toBe(res.config.cpuIters);
  expect(res.warnings?.join('\n')).toMatch(
    new RegExp(
      `CPython ran ${res.config.cpuIters.toLocaleString('en-US')} rounds per task, calibrated to take as long as 200,000 rounds of JavaScript`,
    ),
  );
  const kinds = new Set(res.cells.map((c) => `${c.mode}/${c.impl}`));
  expect([...kinds]).toEqual([
    'sequential/main',
    'threads/ThreadPoolExecutor',
    'processes/ProcessPoolExecutor-fork',
    'processes/ProcessPoolExecutor-spawn',
    'processes/ProcessPoolExecutor-forkserver',
    'async/asyncio',
  ]);
  // 3 tasks x (sequential + 2 worker counts x 5 pools and asyncio)
  expect(res.cells).toHaveLength(3 * 11);
  for (const c of res.cells) {
    expect(c.status).toBe('ok');
    expect(c.samples).toHaveLength(2);
    for (const s of c.samples) expect(s.totalMs).toBeCloseTo(s.spawnMs + s.workMs + s.teardownMs, 6);
  }
  const procs = res.cells.filter((c) => c.mode === 'processes');
  for (const c of procs) expect(c.samples[0]?.spawnMs).toBeGreaterThan(0);
  expect(procs.every((c) => (c.rssBytesPerWorker ?? 0) > 1_000_000)).toBe(true);
  // Every cell says how late the hub ran during its work, and how that was sampled; a work phase
  // shorter than the sampler's 1 ms interval can end before its first tick, and then it has none.
  const sampled = res.cells.filter((c) => Math.min(...c.samples.map((s) => s.workMs)) >= 2);
  expect(sampled.filter((c) => c.task === 'io')).toHaveLength(11);
  for (const c of sampled) {
    expect(c.loopDelay?.method).toBe(c.mode === 'async' ? 'asyncio-timer' : 'thread-wakeup');
    expect(c.loopDelay?.samples).toBeGreaterThan(0);
  }
  expect(res.roundTrips?.map((x) => x.impl)).toEqual([...(res.config.impls ?? [])]);
  expect(r.stdout).toMatch(/on cpython 3\.\d+\.\d+/);
  expect(r.stdout).toMatch(/wrote .*-cpython-py-box-.*\.msgpack \(33 cells, 0 failed\)/);
}, 120_000);

describe.each(['throw', 'exit', 'hang'] as const)('--fault %s', (fault) => {
  test('each pool cell fails with its reason, the sweep goes on, exit 1', () => {
    const out = tmp();
    const r = run(CLI, [
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
      '--timeout-ms',
      '400',
      '--fault',
      fault,
      '--quiet',
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
    const reason = {
      throw: [/task 3 failed: InjectedFault: injected fault in task 3/],
      // A dead process worker breaks the whole pool: the error may surface on task 3 or on the next
      // submit, so only the kind of error is certain.
      exit: [
        /task 3 failed: SystemExit: 3/,
        /BrokenProcessPool: A (child )?process (in the process pool )?(was )?terminated abruptly/,
      ],
      hang: [/task 3 ran past 400 ms/],
    }[fault];
    for (const [i, c] of failed.entries()) expect(c.error).toMatch(reason[i % reason.length] as RegExp);
    expect(res.cells.find((c) => c.mode === 'sequential')?.status).toBe('ok');
  });
});

describe.each([
  ['SIGINT', 130, 'ProcessPoolExecutor-fork'],
  ['SIGTERM', 143, 'ProcessPoolExecutor-forkserver'],
] as const)('%s mid-sweep on %s', (signal, exitCode, impl) => {
  test('Python and every pool process are gone within a second, finished cells saved', async () => {
    const out = tmp();
    const runner = spawn(
      process.execPath,
      [
        CLI,
        '--task',
        'noop,io',
        '--mode',
        'processes',
        '--impl',
        impl,
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
    // Python, its 4 workers (and for forkserver, the server and resource tracker).
    expect(await until(() => stderr.includes('[2/2]') && descendants(pid).length >= 5, 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const kids = descendants(pid);
    const t0 = performance.now();
    runner.kill(signal);
    const code = await exited;
    for (const kid of kids) expect(await until(() => !alive(kid), 1000 - (performance.now() - t0))).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(code).toBe(exitCode);
    const res = onlyResult(out);
    expect(res.interrupted).toBe(true);
    expect(res.cells.map((c) => `${c.task} ${c.status}`)).toEqual(['noop ok']);
    expect(res.warnings?.join('\n')).toContain(`stopped by ${signal}`);
  });
});

test('when the runner is killed outright, Python notices and takes its workers with it', async () => {
  const runner = spawn(
    process.execPath,
    [CLI, '--task', 'io', '--mode', 'processes', '--workers', '3', '--count', '4000', '--io-ms', '200', '--out', tmp()],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  runner.stderr?.on('data', (d) => {
    stderr += d;
  });
  const pid = runner.pid as number;
  expect(await until(() => stderr.includes('[1/1]') && descendants(pid).length >= 4, 20_000)).toBe(true);
  await new Promise((r) => setTimeout(r, 300));
  const kids = descendants(pid);
  runner.kill('SIGKILL');
  for (const kid of kids) expect(await until(() => !alive(kid), 2000)).toBe(true);
});

describe('--clock article', () => {
  test('threads: a task starts before the last worker is ready; per-task times and the clock are in the file', () => {
    const out = path.join(tmp(), 'results');
    const args = ['--task', 'io', '--mode', 'threads', '--workers', '8', '--count', '32', '--io-ms', '30'];
    const r = run(CLI, [...args, '--repeat', '1', '--warmup', '0', '--clock', 'article', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const result = onlyResult(out);
    expect(result.config.clock).toBe('article');
    const cell = result.cells[0];
    const sample = cell?.samples[0];
    const times = cell?.taskTimes;
    expect(times?.method).toBe('monotonic-ns');
    expect(times?.tasks).toBe(32);
    // Tasks are submitted as the pool is made: the earliest start is before the last worker's
    // ready (each thread starts as a task is submitted, and the first runs at once).
    expect(times?.queueMs?.min).toBeLessThan(sample?.readyAtMs as number);
    expect(times?.runMs?.min).toBeGreaterThanOrEqual(30 * 0.9);
    // One clock on every side: no answer is received before it was made.
    expect(times?.returnMs?.min).toBeGreaterThanOrEqual(0);
    // The last answer is the end of the work: it comes before the total ends.
    expect(times?.responseMs.max).toBeLessThanOrEqual(sample?.totalMs as number);
  });
});
