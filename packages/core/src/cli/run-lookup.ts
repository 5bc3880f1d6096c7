import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { decodeResult } from '../format/codec.ts';
import { readSummary } from '../format/summary.ts';
import type { ResultFile } from '../format/types.ts';

/** Reads one result file in full; core's reader by default, a counting one in tests. */
export type ReadRun = (file: string) => ResultFile;

/** Core's reader of a whole result file, errors naming `file` as given. */
export const readRunFile: ReadRun = (file) => decodeResult(readFileSync(file), path.basename(file));

/**
 * One result file of a folder, as a lookup sees it: its run's id, time and runtime from its
 * summary (README.md, "Result file"), or from the file itself where the summary is missing,
 * stale or unreadable; then `full` is the decoded file, so that it is not read twice.
 */
interface RunHead {
  file: string;
  head: Pick<ResultFile, 'id' | 'createdAt'> & { runtime: string };
  full?: ResultFile;
}

/** Every result file's head in `dir`; a file that cannot be read is left out, as the report does. */
function runHeads(dir: string, read: ReadRun): RunHead[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.msgpack'));
  } catch {
    throw new UsageError(`there is no results folder ${dir}`);
  }
  return names.flatMap((name): RunHead[] => {
    const file = path.join(dir, name);
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) return [];
    const s = readSummary(file, { size: st.size, mtimeMs: st.mtimeMs });
    if (s.ok) {
      const { id, createdAt, env } = s.summary.run;
      return [{ file, head: { id, createdAt, runtime: env.runtime } }];
    }
    try {
      const full = read(file);
      return [{ file, head: { id: full.id, createdAt: full.createdAt, runtime: full.env.runtime }, full }];
    } catch {
      return [];
    }
  });
}

/**
 * The first of `heads` whose file reads in full: a file whose summary was read but which is itself
 * damaged is passed over, as a listing that decoded every file would have left it out.
 */
function firstReadable(heads: RunHead[], read: ReadRun): ResultFile | undefined {
  for (const h of heads) {
    if (h.full) return h.full;
    try {
      return read(h.file);
    } catch {
      // Damaged after its summary was written: try the next.
    }
  }
  return undefined;
}

/**
 * The run `ref` names in `resultsDir`: `latest` or `latest:RUNTIME` (the newest by createdAt) or a
 * run id or its first 8+ characters. Finds it from the summaries and decodes only the file it
 * picks (and any file without a usable summary). Throws a UsageError saying what matched nothing.
 */
export function findRun(ref: string, resultsDir: string, read: ReadRun = readRunFile): ResultFile {
  const latest = /^latest(?::(.+))?$/.exec(ref);
  if (!latest && ref.length < 8) throw new UsageError(`'${ref}' is not a file; a run id needs at least 8 characters`);
  const heads = runHeads(resultsDir, read);
  if (latest) {
    const pool = heads.filter((h) => latest[1] === undefined || h.head.runtime === latest[1]);
    pool.sort((a, b) => b.head.createdAt.localeCompare(a.head.createdAt));
    const newest = firstReadable(pool, read);
    if (!newest) {
      const there = [...new Set(heads.map((h) => h.head.runtime))].sort();
      const has = there.length === 0 ? 'no readable run at all' : `runs of ${there.join(', ')} only`;
      throw new UsageError(`no run${latest[1] ? ` of ${latest[1]}` : ''} in ${resultsDir} (${has})`);
    }
    return newest;
  }
  const found = heads.filter((h) => h.head.id === ref || h.head.id.startsWith(ref));
  const run = found.length === 1 ? firstReadable(found, read) : undefined;
  if (run) return run;
  throw new UsageError(
    found.length <= 1
      ? `no file and no run id '${ref}' in ${resultsDir}`
      : `'${ref}' matches ${found.length} runs: give more of the id`,
  );
}
