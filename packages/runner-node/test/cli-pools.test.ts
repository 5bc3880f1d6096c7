import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeResult } from '@tvp/core';
import { expect, test } from 'vitest';

const CLI = new URL('../dist/cli.js', import.meta.url).pathname;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--impl piscina,tinypool,workerpool: each runs as a threads impl, with its version and options in the file', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'tvp-pools-'));
  const r = cli([
    ...['--impl', 'piscina,tinypool,workerpool', '--mode', 'threads', '--task', 'io,cpu,noop', '--workers', '1,2'],
    ...['--count', '6', '--repeat', '1', '--warmup', '0', '--io-ms', '2', '--cpu-iters', '10000', '--quiet'],
    ...['--out', out],
  ]);
  expect(r.stderr).not.toMatch(/^error:/m);
  expect(r.code).toBe(0);
  const [file, ...more] = readdirSync(out).filter((f) => !f.startsWith('.'));
  expect(more).toHaveLength(0);
  const res = decodeResult(readFileSync(path.join(out, file as string)), file as string);
  expect(res.config.impls).toEqual(['piscina', 'tinypool', 'workerpool']);
  // 3 tasks x 2 worker counts x 3 libraries: no raw primitive, no baseline.
  expect(res.cells).toHaveLength(18);
  for (const c of res.cells) expect(c).toMatchObject({ mode: 'threads', status: 'ok' });
  expect(res.libraries?.map((l) => [l.impl, l.name, l.version])).toEqual([
    ['piscina', 'piscina', '5.3.2'],
    ['tinypool', 'tinypool', '2.2.0'],
    ['workerpool', 'workerpool', '10.0.3'],
  ]);
  expect(res.libraries?.[0]?.options).toMatchObject({ minThreads: 'workers', maxThreads: 'workers', atomics: 'sync' });
  // Each noop cell at 1 worker has its yardstick: the bare round trip of worker_threads.
  expect(res.roundTrips?.map((t) => [t.mode, t.impl])).toEqual([
    ['threads', 'piscina'],
    ['threads', 'tinypool'],
    ['threads', 'workerpool'],
  ]);
  expect(r.stdout).toMatch(/threads\/piscina +threads\/tinypool +threads\/workerpool/);
  expect(r.stdout).toMatch(/harness cost/);
});

test('--impl poolifier,poolifier-cluster: its fixed thread pool and its cluster pool, recorded with their options', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'tvp-pools-'));
  const r = cli([
    ...['--impl', 'poolifier,poolifier-cluster', '--mode', 'threads,processes', '--task', 'io,noop'],
    ...['--workers', '2', '--count', '6', '--repeat', '1', '--warmup', '0', '--io-ms', '2', '--quiet', '--out', out],
  ]);
  expect(r.stderr).not.toMatch(/^error:/m);
  expect(r.code).toBe(0);
  const [file] = readdirSync(out).filter((f) => !f.startsWith('.'));
  const res = decodeResult(readFileSync(path.join(out, file as string)), file as string);
  expect(res.cells.map((c) => `${c.task} ${c.mode}/${c.impl} ${c.status}`)).toEqual([
    'io threads/poolifier ok',
    'io processes/poolifier-cluster ok',
    'noop threads/poolifier ok',
    'noop processes/poolifier-cluster ok',
  ]);
  expect(res.libraries?.map((l) => [l.impl, l.name, l.version, l.options.pool])).toEqual([
    ['poolifier', 'poolifier', '5.3.2', 'FixedThreadPool'],
    ['poolifier-cluster', 'poolifier', '5.3.2', 'FixedClusterPool'],
  ]);
  expect(res.libraries?.[1]?.options).toMatchObject({
    numberOfWorkers: 'workers',
    enableTasksQueue: false,
    restartWorkerOnError: false,
    maxInactiveTime: 3_600_000,
  });
  // Process memory is the workers' own (USS by pid): the cluster workers are this run's children.
  const cluster = res.cells.find((c) => c.impl === 'poolifier-cluster');
  expect(cluster?.memory?.method).toBe('uss');
});

test('the libraries are not run unless named: neither by default nor by --impl all', () => {
  for (const args of [[], ['--impl', 'all']]) {
    const out = mkdtempSync(path.join(tmpdir(), 'tvp-pools-'));
    const r = cli(
      [...args, '--task', 'noop', '--mode', 'threads,processes', '--workers', '1', '--count', '2'].concat([
        '--repeat',
        '1',
        '--warmup',
        '0',
        '--quiet',
        '--out',
        out,
      ]),
    );
    expect(r.code).toBe(0);
    const [file] = readdirSync(out).filter((f) => !f.startsWith('.'));
    const res = decodeResult(readFileSync(path.join(out, file as string)), file as string);
    expect(res.config.impls).toEqual(['worker_threads', 'child_process']);
    expect(res.libraries).toBeUndefined();
  }
});
