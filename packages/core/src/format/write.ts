import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeResult } from './codec.ts';
import { removeSummary, summarizeResult, summaryBytes, summaryPath } from './summary.ts';
import type { ResultFile } from './types.ts';

/**
 * Write bytes so that a reader sees the old file or the whole new one, never a part: a temporary
 * name in the same folder, then one rename. `beforeRename` runs on the complete temporary file
 * just before it takes the name.
 */
export async function writeAtomic(
  file: string,
  bytes: Uint8Array,
  beforeRename?: (tmp: string) => Promise<void>,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await beforeRename?.(tmp);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Write the summary of result file `file` (README.md, "Result file"), made by `summaryBytes`,
 * atomically, beside the file in its existing folder; undefined (a summary too large to write)
 * removes any older one: readers then decode the file.
 */
export async function writeSummary(file: string, bytes: Uint8Array | undefined): Promise<void> {
  if (bytes === undefined) return removeSummary(file);
  const target = summaryPath(file);
  // Only the summaries' folder is made: a results folder removed meanwhile is not made again.
  await mkdir(path.dirname(target)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  await writeAtomic(target, bytes);
}

/**
 * Write a result file's bytes atomically, its summary first: when the file appears under its name,
 * its summary is already there (rename keeps the size and mtime it was made for). A summary that
 * cannot be written is left out: readers then decode the file, as they do one copied without it.
 */
export async function writeResultFile(file: string, bytes: Uint8Array, r: ResultFile): Promise<void> {
  await writeAtomic(file, bytes, async (tmp) => {
    const { size, mtimeMs } = await stat(tmp);
    await writeSummary(file, summaryBytes(summarizeResult(r), { size, mtimeMs })).catch(() =>
      removeSummary(file).catch(() => undefined),
    );
  });
}

/** The file name of a result: runtime, label, time and id, so that names sort by time. */
export function resultFileName(r: ResultFile): string {
  const stamp = r.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const label = r.env.label.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 40) || 'machine';
  return `${stamp}-${r.env.runtime}-${label}-${r.id.slice(0, 8)}.msgpack`;
}

/**
 * Encode and write a result file into `dir` atomically, with its summary; returns its path and its
 * bytes (to upload).
 */
export async function writeResult(dir: string, r: ResultFile): Promise<{ file: string; bytes: Uint8Array }> {
  const file = path.join(dir, resultFileName(r));
  const bytes = encodeResult(r);
  await writeResultFile(file, bytes, r);
  return { file, bytes };
}

/**
 * The repository's `results/` folder: the nearest folder above `fromUrl` (a module's
 * import.meta.url) that holds pnpm-workspace.yaml; else `results/` in the working directory.
 */
export function defaultResultsDir(fromUrl: string): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return path.join(dir, 'results');
    const up = path.dirname(dir);
    if (up === dir) return path.resolve('results');
    dir = up;
  }
}
