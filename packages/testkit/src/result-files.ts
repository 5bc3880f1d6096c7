import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeResult, type ResultFile } from '@tvp/core';

/** The result files in `dir`, oldest first (names sort by time). */
export const resultFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.msgpack'))
    .sort()
    .map((f) => path.join(dir, f));

/** The result files in `dir`, decoded, oldest first. */
export const results = (dir: string): ResultFile[] => resultFiles(dir).map((f) => decodeResult(readFileSync(f), f));
