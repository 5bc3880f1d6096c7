import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeResult } from '@tvp/core';
import { describe, expect, test } from 'vitest';

const CLI = new URL('../dist/cli.js', import.meta.url).pathname;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'tvp-payload-'));
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('--payload-bytes and --way: bad input exits 2 naming the value, nothing written', () => {
  test.each([
    [['--payload-bytes', '1k,2x'], /--payload-bytes: '2x' is not a size/],
    [['--payload-bytes', '0'], /--payload-bytes: '0' is not a size/],
    [['--payload-bytes', '-5'], /--payload-bytes: '-5' is not a size/],
    [['--payload-bytes', '1.5m'], /--payload-bytes: '1.5m' is not a size/],
    [['--payload-bytes', '257m'], /--payload-bytes: '257m' is not a size; expected .* from 1 to 256m/],
    [['--payload-bytes', '1k,,2k'], /--payload-bytes: '' is not a size/],
    [['--way', 'telepathy'], /--way: unknown value 'telepathy'; accepted: clone-object, clone-buffer, transfer/],
  ])('%j', (args, message) => {
    const out = path.join(tmp(), 'results');
    const r = cli(['--task', 'payload', ...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test('--payload-bytes without the payload task', () => {
    const r = cli(['--task', 'noop', '--payload-bytes', '1k']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--payload-bytes is for the payload task, which --task does not include/);
  });
});

test('a payload run records its sizes, each cell its way and size, and the ways skipped with why', () => {
  const out = tmp();
  const r = cli([
    '--task',
    'payload',
    '--payload-bytes',
    '1k,3',
    '--way',
    'transfer,json,frames',
    '--mode',
    'threads,processes,sequential',
    '--workers',
    '1',
    '--count',
    '3',
    '--repeat',
    '1',
    '--warmup',
    '0',
    '--quiet',
    '--out',
    out,
  ]);
  expect(r.stderr).toMatch(/skipped: payload way frames on child_process: /);
  expect(r.code).toBe(0);
  const [name] = readdirSync(out).filter((f) => f.endsWith('.msgpack'));
  const file = decodeResult(readFileSync(path.join(out, name as string)), name as string);
  expect(file.config.payloadBytes).toEqual([3, 1024]);
  expect(file.config.ways).toEqual(['transfer', 'json', 'frames']);
  expect(file.skippedWays).toEqual([
    expect.objectContaining({ mode: 'processes', impl: 'child_process', way: 'frames' }),
  ]);
  const cells = file.cells.map((c) => `${c.mode}/${c.impl}/${c.way ?? '-'}/${c.payloadBytes}/${c.status}`);
  expect(cells.sort()).toEqual(
    [
      'sequential/main/-/3/ok',
      'sequential/main/-/1024/ok',
      'threads/worker_threads/transfer/3/ok',
      'threads/worker_threads/transfer/1024/ok',
      'processes/child_process/json/3/ok',
      'processes/child_process/json/1024/ok',
    ].sort(),
  );
  expect(r.stdout).toMatch(/payload: median cost per task at 1 worker/);
});

describe('--arg-transfer', () => {
  const SUM = new URL('../../testkit/fixtures/sum-bytes.mjs', import.meta.url).pathname;
  const WORDS = new URL('../../testkit/fixtures/word-count.mjs', import.meta.url).pathname;
  const QUICK = ['--workers', '1,2', '--count', '4', '--repeat', '1', '--warmup', '0', '--quiet'];

  test.each([
    [
      ['--task-module', WORDS, '--mode', 'threads', '--arg-transfer', 'transfer'],
      /--arg-transfer transfer needs the module's arg to be an ArrayBuffer or a typed array/,
    ],
    [
      ['--task-module', SUM, '--arg-transfer', 'shared'],
      /--arg-transfer shared moves or shares memory between threads only/,
    ],
    [
      ['--task-module', SUM, '--mode', 'threads', '--arg-transfer', 'move'],
      /--arg-transfer: unknown value 'move'; accepted: clone, transfer, shared/,
    ],
    [['--task', 'noop', '--arg-transfer', 'transfer'], /--arg-transfer is for a --task-module/],
  ])('%j exits 2, saying why, nothing written', (args, message) => {
    const out = path.join(tmp(), 'results');
    const r = cli([...args, ...QUICK, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test('shared: the module runs on threads with its arg shared, and the file says so', () => {
    const out = tmp();
    const r = cli([
      '--task-module',
      SUM,
      '--mode',
      'threads,sequential',
      '--arg-transfer',
      'shared',
      ...QUICK,
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [name] = readdirSync(out).filter((f) => f.endsWith('.msgpack'));
    const file = decodeResult(readFileSync(path.join(out, name as string)), name as string);
    expect(file.config.argTransfer).toBe('shared');
    expect(file.cells.every((c) => c.status === 'ok')).toBe(true);
  });
});
