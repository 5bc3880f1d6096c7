import path from 'node:path';
import type { ResultFile } from '@tvp/core';
import { expect, test } from 'vitest';
import { DENO_CLI, NODE_CLI, resultFiles, results, run, tmp } from './cli.ts';

// Worker cells on both runtimes; count, repeat, warmup, io-ms, cpu-iters and timeout left at their defaults.
const FLAGS = ['--task', 'noop', '--mode', 'sequential,threads,processes', '--workers', '1', '--quiet'];

/** Decode a file with core's reader under Node, printed back as JSON. */
function decodeInNode(file: string): ResultFile {
  const script = `
    import { readFileSync } from 'node:fs';
    import { decodeResult } from '@tvp/core';
    const file = process.argv[1];
    process.stdout.write(JSON.stringify(decodeResult(readFileSync(file), file)));`;
  const r = run(['node', '--input-type=module', '-e', script, file]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as ResultFile;
}

const byRuntime = (files: ResultFile[], runtime: string) => {
  const f = files.find((x) => x.env.runtime === runtime);
  if (!f) throw new Error(`no ${runtime} file`);
  return f;
};

test('the Deno and Node runners, default parameters: the same work, and the Deno file decodes on Node', () => {
  const out = tmp();
  expect(run(['node', NODE_CLI, ...FLAGS, '--out', out]).code).toBe(0);
  expect(run([...DENO_CLI, ...FLAGS, '--out', out]).code).toBe(0);
  const files = results(out); // decoded here, on Deno: the Node file too
  expect(files).toHaveLength(2);
  const node = byRuntime(files, 'node');
  const deno = byRuntime(files, 'deno');

  const work = ({ impls: _impls, ...rest }: ResultFile['config']) => rest;
  expect(work(deno.config)).toEqual(work(node.config));
  expect(deno.config).toMatchObject({
    count: 100,
    repeat: 4,
    warmup: 1,
    ioMs: 10,
    cpuIters: 6_000_000,
  });
  expect(node.cells.map((c) => c.impl)).toEqual(['main', 'worker_threads', 'child_process']);
  expect(deno.cells.map((c) => c.impl)).toEqual(['main', 'web-worker', 'child_process']);
  expect(deno.env.runtime).toBe('deno');

  // The Deno file read by Node gives the very same result as read by Deno.
  const denoFile = resultFiles(out).find((f) => path.basename(f).includes('-deno-'));
  if (!denoFile) throw new Error('no deno file');
  // The new fields are in it and survive the crossing: the clock, every cell's per-task times.
  expect(deno.config.clock).toBe('phases');
  expect(deno.cells.every((c) => c.taskTimes?.responseMs !== undefined)).toBe(true);
  expect(decodeInNode(denoFile)).toEqual(JSON.parse(JSON.stringify(deno)));
}, 90_000);

// Tasks arriving at a fixed rate, on the main thread and a worker of each kind, a few seconds in all.
const ARRIVAL_FLAGS = [
  '--task',
  'noop',
  '--mode',
  'async,threads,processes',
  '--workers',
  '1',
  '--count',
  '20',
  '--repeat',
  '1',
  '--warmup',
  '0',
  '--arrival-rate',
  '100',
  '--arrival',
  'fixed',
  '--quiet',
];

test('arrival fields: written on this runtime for every cell, the same when Node decodes them', () => {
  const out = tmp();
  expect(run([...DENO_CLI, ...ARRIVAL_FLAGS, '--out', out]).code).toBe(0);
  const [file] = resultFiles(out);
  if (!file) throw new Error('no file');
  const [r] = results(out);
  expect(r?.config.arrival).toMatchObject({ rates: [100], kind: 'fixed', seed: 1 });
  expect(r?.cells.map((c) => c.arrivals?.[0]?.tasks)).toEqual([20, 20, 20]);
  // Whether 100/s was sustained over 0.2 s depends on the machine's load: core's tests judge that.
  expect(r?.cells.every((c) => (c.arrivals?.[0]?.throughput ?? 0) > 0)).toBe(true);
  expect(decodeInNode(file)).toEqual(JSON.parse(JSON.stringify(r)));
}, 60_000);

// Both pools side by side on every transport of this runtime, a second or two in all.
const WARM_FLAGS = [
  '--task',
  'noop',
  '--mode',
  'threads,processes',
  '--impl',
  'all',
  '--workers',
  '2',
  '--count',
  '10',
];

test('warm pools: a warm cell beside each cold one, its one start recorded, the same when Node decodes it', () => {
  const out = tmp();
  const argv = [...WARM_FLAGS, '--repeat', '2', '--warmup', '0', '--pool', 'cold,warm', '--quiet', '--out', out];
  expect(run([...DENO_CLI, ...argv]).code).toBe(0);
  const [file] = resultFiles(out);
  if (!file) throw new Error('no file');
  const [r] = results(out);
  if (!r) throw new Error('no result');
  expect(r.config.pools).toEqual(['cold', 'warm']);
  const warm = r.cells.filter((c) => c.pool === 'warm');
  const cold = r.cells.filter((c) => c.pool === undefined);
  // Every transport ran both ways.
  expect(warm.map((c) => `${c.mode}/${c.impl}`)).toEqual(cold.map((c) => `${c.mode}/${c.impl}`));
  expect(warm.length).toBeGreaterThanOrEqual(2);
  for (const c of warm) {
    expect(c.status).toBe('ok');
    expect(c.samples.every((s) => s.spawnMs === 0 && s.teardownMs === 0 && s.totalMs === s.workMs)).toBe(true);
    expect(c.warmStart?.spawnMs).toBeGreaterThan(0);
  }
  expect(decodeInNode(file)).toEqual(JSON.parse(JSON.stringify(r)));
}, 90_000);
