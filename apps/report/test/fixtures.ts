import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeResult, type ResultFile, resultFileName } from '@tvp/core';

import type { FixtureOptions } from '../src/bench/synthetic.ts';

export type { FixtureOptions } from '../src/bench/synthetic.ts';
export { makeResult, twoRuntimes } from '../src/bench/synthetic.ts';

/** A Bun run with the `--quick` preset's work: not comparable with a default run (issue 7's case). */
export const QUICK_BUN = {
  runtime: 'bun',
  seed: 2,
  preset: 'quick',
  count: 20,
  ioMs: 10,
  cpuIters: 2_000_000,
  repeat: 3,
  workers: [1, 2, 4],
} as const satisfies FixtureOptions;

/** A fresh temporary folder. */
export const tempDir = (prefix = 'tvp-report-'): Promise<string> => mkdtemp(path.join(os.tmpdir(), prefix));

/** Write results into `dir` the way runners name them; returns the file names. */
export async function writeResults(dir: string, results: ResultFile[]): Promise<string[]> {
  return Promise.all(
    results.map(async (r) => {
      const name = resultFileName(r);
      await writeFile(path.join(dir, name), encodeResult(r));
      return name;
    }),
  );
}
