import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeResult, type ResultFile, resultFileName } from '@tvp/core';

export type { FixtureOptions } from '../src/bench/synthetic.ts';
export { makeResult, twoRuntimes } from '../src/bench/synthetic.ts';

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
