import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeResult, type ResultFile, resultFileName, writeResultFile } from '@tvp/core';
import { makeResult } from './synthetic.ts';

/** A bench folder: how many runs over how many machines and runtimes. */
export interface FolderSpec {
  runs: number;
  machines: number;
  runtimes: readonly ('node' | 'bun' | 'deno')[];
  /** Time between two runs, ms: 1,000 runs an hour apart, or 10,000 over a year. */
  everyMs: number;
}

/** Issue 13's two sizes: 1,000 runs (4 machines, 2 runtimes) and a team's year, 10,000 (10 machines, 3 runtimes). */
export const FOLDERS: Record<number, FolderSpec> = {
  1000: { runs: 1000, machines: 4, runtimes: ['node', 'bun'], everyMs: 3_600_000 },
  10000: { runs: 10_000, machines: 10, runtimes: ['node', 'bun', 'deno'], everyMs: 3_153_600 },
};

/** The i-th run of a folder: one in fifty an extended sweep. */
function nth(spec: FolderSpec, i: number): ResultFile {
  return makeResult({
    runtime: spec.runtimes[i % spec.runtimes.length]!,
    label: `machine-${i % spec.machines}`,
    seed: i + 1,
    id: `bench-${i}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * spec.everyMs).toISOString(),
    ...(i % 50 === 0 ? { workers: [1, 2, 4, 8, 16, 32, 64], repeat: 3 } : {}),
  });
}

/**
 * Write a folder of synthetic result files, a run at a time (never all in memory); returns it and
 * its bytes. With `summaries`, each is written as a runner writes it, its summary beside it;
 * without, as files copied in from elsewhere (or written before summaries) arrive.
 */
export async function writeFolder(spec: FolderSpec, summaries = false): Promise<{ dir: string; bytes: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tvp-bench-'));
  let bytes = 0;
  for (let i = 0; i < spec.runs; i++) {
    const r = nth(spec, i);
    const data = encodeResult(r);
    bytes += data.byteLength;
    const file = path.join(dir, resultFileName(r));
    if (summaries) await writeResultFile(file, data, r);
    else await writeFile(file, data);
  }
  return { dir, bytes };
}

/** Write the given results into a fresh folder, named as runners name them. */
export async function writeRuns(results: ResultFile[]): Promise<{ dir: string; bytes: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tvp-bench-'));
  let bytes = 0;
  for (const r of results) {
    const data = encodeResult(r);
    bytes += data.byteLength;
    await writeFile(path.join(dir, resultFileName(r)), data);
  }
  return { dir, bytes };
}
