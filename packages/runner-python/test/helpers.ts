import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeResult, type ResultFile } from '@tvp/core';
import { childPids } from '@tvp/testkit';
import { expect } from 'vitest';

/** The built entries, as `pnpm bench` runs them. */
export const CLI = new URL('../dist/cli.js', import.meta.url).pathname;
export const SWEEP = new URL('../dist/sweep.js', import.meta.url).pathname;

/** A fresh folder. */
export const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'tvp-py-'));

/** Run an entry to the end. */
export function run(entry: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one result file in `dir`, decoded by core's reader. */
export function onlyResult(dir: string): ResultFile {
  // Dot entries are not results: the summaries' folder (README.md, "Result file").
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  expect(files).toHaveLength(1);
  const file = path.join(dir, files[0] as string);
  return decodeResult(readFileSync(file), file);
}

/** Every process below `pid`, from /proc. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const todo = childPids(pid);
  while (todo.length > 0) {
    const p = todo.pop() as number;
    out.push(p);
    todo.push(...childPids(p));
  }
  return out;
}
