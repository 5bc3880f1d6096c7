import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeResult, type ResultFile } from '@tvp/core';
import { alive, childPids, until } from '@tvp/testkit';
import { describe, expect, test } from 'vitest';

const CLI = new URL('../dist/cli.js', import.meta.url).pathname;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'tvp-src-'));
const QUICK = ['--workers', '1,2', '--count', '4', '--repeat', '1', '--warmup', '0', '--quiet'];

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const onlyResult = (dir: string): ResultFile => {
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  expect(files).toHaveLength(1);
  return decodeResult(readFileSync(path.join(dir, files[0] as string)), 'f');
};
const moduleFile = (source: string): string => {
  const file = path.join(tmp(), 'task.mjs');
  writeFileSync(file, source);
  return file;
};

describe('--task-module: bad input exits 2 naming the module, before any worker starts', () => {
  test.each<[string, string | undefined, RegExp]>([
    ['a missing file', undefined, /--task-module: no such file: .*missing\.mjs/],
    [
      'a default export that is not a function',
      'export default { run() {} };',
      /task\.mjs: its default export must be a function of one argument, got object/,
    ],
    [
      'an arg that cannot be sent',
      'export const arg = Symbol("x"); export default (a) => a;',
      /task\.mjs: its arg cannot be sent to a worker: DataCloneError/,
    ],
  ])('%s', (_what, source, message) => {
    const file = source === undefined ? path.join(tmp(), 'missing.mjs') : moduleFile(source);
    const out = path.join(tmp(), 'results');
    const t0 = performance.now();
    const r = cli(['--task-module', file, ...QUICK, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
    // No worker started: far less than one sweep of process workers takes here.
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

test('a module runs on every mode; its identity and the check are in the file', () => {
  const source = 'export const arg = "a,b,c"; export default (s) => s.split(",");';
  const file = moduleFile(source);
  const out = tmp();
  const r = cli(['--task-module', file, ...QUICK, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const res = onlyResult(out);
  expect(res.config.tasks).toEqual(['module']);
  expect(res.config.taskModule).toMatchObject({
    path: file,
    name: 'task',
    bound: 'cpu',
    checked: true,
    sha256: createHash('sha256').update(source).digest('hex'),
    argHash: createHash('sha256').update('"a,b,c"').digest('hex'),
  });
  expect(res.cells.map((c) => `${c.mode} ${c.workers} ${c.status}`)).toEqual([
    'sequential 1 ok',
    'threads 1 ok',
    'processes 1 ok',
    'async 1 ok',
    'threads 2 ok',
    'processes 2 ok',
    'async 2 ok',
  ]);
  expect(r.stdout).toMatch(/module: 4 calls of task \(cpu-bound, sha256 [0-9a-f]{12}, answers checked\)/);
});

test('a function that throws with its arg: exit 2 saying what it threw and where, nothing written', () => {
  const out = tmp();
  const file = moduleFile(
    'export const arg = 3;\nexport default (n) => {\n  throw new TypeError("no rows: " + n);\n};',
  );
  const r = cli(['--task-module', file, ...QUICK, '--out', out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    `error: --task-module ${file}: its function threw when called with its arg (at ${path.basename(file)}:3:9): TypeError: no rows: 3\n`,
  );
  expect(readdirSync(out)).toEqual([]);
});

test('a module with a syntax error: exit 2, and how to find the line', () => {
  const out = tmp();
  const file = moduleFile('export default (a) => 1 +;');
  const r = cli(['--task-module', file, ...QUICK, '--out', out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: --task-module .*: SyntaxError: Unexpected token/);
  expect(r.stderr).toContain(`(node --check ${file} shows where)`);
  expect(readdirSync(out)).toEqual([]);
});

test('a result that cannot be sent back: worker cells fail saying so, the main thread’s do not', () => {
  const out = tmp();
  const r = cli(['--task-module', moduleFile('const f = () => 1; export default () => f;'), ...QUICK, '--out', out]);
  expect(r.code).toBe(1);
  const res = onlyResult(out);
  for (const c of res.cells) {
    if (c.mode === 'threads' || c.mode === 'processes') {
      expect(c.status).toBe('failed');
      expect(c.error).toMatch(/could not be sent back|cannot be sent back/);
    } else expect(c.status).toBe('ok');
  }
  expect(res.warnings?.join('\n')).toMatch(/its result cannot be sent back from a worker/);
});

test('a result that varies: checked false in the file, and a warning', () => {
  const out = tmp();
  const r = cli(['--task-module', moduleFile('export default () => Math.random();'), ...QUICK, '--out', out]);
  expect(r.code).toBe(0);
  const res = onlyResult(out);
  expect(res.config.taskModule?.checked).toBe(false);
  expect(res.warnings?.join('\n')).toMatch(/two calls gave different results .*answers not checked/);
  expect(r.stdout).toMatch(/answers NOT checked/);
});

/** The pid of the net task's server among the runner's children, once it is there. */
const serverOf = (runner: number): number | undefined =>
  childPids(runner).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('net-server.cjs');
    } catch {
      return false;
    }
  });

describe('fs and net: the file and the server never outlive the sweep', () => {
  /** Run the runner on fs and net with its own temp folder; `stop` decides how it ends. */
  async function sweep(stop: (runner: ChildProcess) => void, count: number) {
    const temp = tmp();
    const runner = spawn(
      process.execPath,
      [
        CLI,
        ...['--task', 'fs,net', '--fs-bytes', '65536', '--net-delay-ms', '20', '--count', String(count)],
        ...['--workers', '1', '--repeat', '1', '--warmup', '0', '--quiet', '--out', temp],
      ],
      { env: { ...process.env, TMPDIR: temp }, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => runner.on('exit', (code) => resolve(code)));
    const pid = runner.pid as number;
    let server: number | undefined;
    expect(
      await until(() => {
        server = serverOf(pid);
        return server !== undefined;
      }, 20_000),
    ).toBe(true);
    expect(readdirSync(temp).filter((d) => d.startsWith('tvp-fs-'))).toHaveLength(1);
    stop(runner);
    const code = await exited;
    // Generous: on a loaded machine the server may still be starting when its parent dies.
    expect(await until(() => !alive(server as number), 5_000)).toBe(true);
    return { code, temp };
  }

  test('after a run: the server is gone and the file removed', async () => {
    const { code, temp } = await sweep(() => {}, 2);
    expect(code).toBe(0);
    expect(readdirSync(temp).filter((d) => d.startsWith('tvp-fs-'))).toEqual([]);
    expect(readdirSync(temp).filter((f) => f.endsWith('.msgpack'))).toHaveLength(1);
  });

  test('after SIGINT: the same, exit 130', async () => {
    const { code, temp } = await sweep((r) => setTimeout(() => r.kill('SIGINT'), 300), 2000);
    expect(code).toBe(130);
    expect(readdirSync(temp).filter((d) => d.startsWith('tvp-fs-'))).toEqual([]);
  });

  test('after the runner is SIGKILLed: the server leaves when its IPC channel closes', async () => {
    const { code } = await sweep((r) => r.kill('SIGKILL'), 2000);
    expect(code).toBeNull();
  });
});
