import path from 'node:path';
import type { ResultFile } from '@tvp/core';
import { expect, test } from 'vitest';
import { resultFiles, results } from './result-files.ts';

/** A command run to completion, as each runner's tests run one. */
export type RunCommand = (cmd: string[]) => { code: number | null; stdout: string; stderr: string };

/** A runner on another runtime than Node, checked against the Node runner and Node's reader. */
export interface CrossRuntimeCase {
  runtime: 'bun' | 'deno';
  /** The command that starts this runner. */
  cli: readonly string[];
  /** The Node runner's built entry. */
  nodeCli: string;
  /** The impls of a default run's cells for sequential, threads and processes. */
  defaultImpls: readonly string[];
  run: RunCommand;
  /** A fresh folder for one test's results. */
  tmp: () => string;
}

// Worker cells on both runtimes; count, repeat, warmup, io-ms, cpu-iters and timeout left at their defaults.
const FLAGS = ['--task', 'noop', '--mode', 'sequential,threads,processes', '--workers', '1', '--quiet'];

// Tasks arriving at a fixed rate, on the main thread and a worker of each kind, a few seconds in all.
const ARRIVAL_FLAGS = [
  ...['--task', 'noop', '--mode', 'async,threads,processes', '--workers', '1', '--count', '20'],
  ...['--repeat', '1', '--warmup', '0', '--arrival-rate', '100', '--arrival', 'fixed', '--quiet'],
];

// Both pools side by side on every transport of this runtime, a second or two in all.
const WARM_FLAGS = [
  ...['--task', 'noop', '--mode', 'threads,processes', '--impl', 'all', '--workers', '2', '--count', '10'],
  ...['--repeat', '2', '--warmup', '0', '--pool', 'cold,warm', '--quiet'],
];

const byRuntime = (files: ResultFile[], runtime: string) => {
  const f = files.find((x) => x.env.runtime === runtime);
  if (!f) throw new Error(`no ${runtime} file`);
  return f;
};

/**
 * The contract that result files are one format whatever wrote them: this runtime's runner does the
 * Node runner's work by default, and core's reader under Node reads its files (the default run's,
 * and the arrival and warm-pool fields) the same as this runtime reads them.
 */
export function crossRuntimeSuite(c: CrossRuntimeCase): void {
  const name = c.runtime === 'bun' ? 'Bun' : 'Deno';

  /** Decode a file with core's reader under Node, printed back as JSON. */
  const decodeInNode = (file: string): ResultFile => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { decodeResult } from '@tvp/core';
      const file = process.argv[1];
      process.stdout.write(JSON.stringify(decodeResult(readFileSync(file), file)));`;
    const r = c.run(['node', '--input-type=module', '-e', script, file]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as ResultFile;
  };

  /** This runner's one file in a fresh folder, after a run with `flags` that must succeed. */
  const runOnce = (flags: string[]) => {
    const out = c.tmp();
    expect(c.run([...c.cli, ...flags, '--out', out]).code).toBe(0);
    const [file] = resultFiles(out);
    const [r] = results(out);
    if (!file || !r) throw new Error('no file');
    return { file, r };
  };

  test(`the ${name} and Node runners, default parameters: the same work, and the ${name} file decodes on Node`, () => {
    const out = c.tmp();
    expect(c.run(['node', c.nodeCli, ...FLAGS, '--out', out]).code).toBe(0);
    expect(c.run([...c.cli, ...FLAGS, '--out', out]).code).toBe(0);
    const files = results(out); // decoded here, on this runtime: the Node file too
    expect(files).toHaveLength(2);
    const node = byRuntime(files, 'node');
    const mine = byRuntime(files, c.runtime);

    const work = ({ impls: _impls, ...rest }: ResultFile['config']) => rest;
    expect(work(mine.config)).toEqual(work(node.config));
    expect(mine.config).toMatchObject({
      count: 100,
      repeat: 4,
      warmup: 1,
      ioMs: 10,
      cpuIters: 6_000_000,
    });
    expect(node.cells.map((x) => x.impl)).toEqual(['main', 'worker_threads', 'child_process']);
    expect(mine.cells.map((x) => x.impl)).toEqual(c.defaultImpls);

    // This runtime's file read by Node gives the very same result as read here.
    const file = resultFiles(out).find((f) => path.basename(f).includes(`-${c.runtime}-`));
    if (!file) throw new Error(`no ${c.runtime} file`);
    // The new fields are in it and survive the crossing: the clock, every cell's per-task times.
    expect(mine.config.clock).toBe('phases');
    expect(mine.cells.every((x) => x.taskTimes?.responseMs !== undefined)).toBe(true);
    expect(decodeInNode(file)).toEqual(JSON.parse(JSON.stringify(mine)));
  }, 90_000);

  test('arrival fields: written on this runtime for every cell, the same when Node decodes them', () => {
    const { file, r } = runOnce(ARRIVAL_FLAGS);
    expect(r.config.arrival).toMatchObject({ rates: [100], kind: 'fixed', seed: 1 });
    expect(r.cells.map((x) => x.arrivals?.[0]?.tasks)).toEqual([20, 20, 20]);
    // Whether 100/s was sustained over 0.2 s depends on the machine's load: core's tests judge that.
    expect(r.cells.every((x) => (x.arrivals?.[0]?.throughput ?? 0) > 0)).toBe(true);
    expect(decodeInNode(file)).toEqual(JSON.parse(JSON.stringify(r)));
  }, 60_000);

  test('warm pools: a warm cell beside each cold one, its one start recorded, the same when Node decodes it', () => {
    const { file, r } = runOnce(WARM_FLAGS);
    expect(r.config.pools).toEqual(['cold', 'warm']);
    const warm = r.cells.filter((x) => x.pool === 'warm');
    const cold = r.cells.filter((x) => x.pool === undefined);
    // Every transport ran both ways.
    expect(warm.map((x) => `${x.mode}/${x.impl}`)).toEqual(cold.map((x) => `${x.mode}/${x.impl}`));
    expect(warm.length).toBeGreaterThanOrEqual(2);
    for (const x of warm) {
      expect(x.status).toBe('ok');
      expect(x.samples.every((s) => s.spawnMs === 0 && s.teardownMs === 0 && s.totalMs === s.workMs)).toBe(true);
      expect(x.warmStart?.spawnMs).toBeGreaterThan(0);
    }
    expect(decodeInNode(file)).toEqual(JSON.parse(JSON.stringify(r)));
  }, 90_000);
}
