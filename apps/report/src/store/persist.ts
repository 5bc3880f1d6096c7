import { readFile } from 'node:fs/promises';
import { writeAtomic } from '@tvp/core';
import type { RunMeta } from '../payload.ts';
import { type CellId, type CellKeys, cellKey, type RunSummary } from './run-summary.ts';

/** The saved index's name in the results folder: a dot file, so listings never take it for a result. */
export const INDEX_FILE = '.tvp-index.json';

/** Bumped when the saved form changes; another version is ignored and the folder read afresh. */
const VERSION = 1;

/** A summarized file as the store indexes it. */
export interface Indexed {
  file: string;
  mtimeMs: number;
  size: number;
  summary: RunSummary;
}

type Row = [string, number, number, RunMeta, RunSummary['shell'], number[], number[], number[]];

/** The index as JSON: cell keys once, then a row per file. */
export function indexText(entries: Iterable<Indexed>, keys: CellKeys): string {
  const used = new Map<number, number>();
  const cells: string[] = [];
  const rows: Row[] = [];
  for (const { file, mtimeMs, size, summary: s } of entries) {
    const local = Array.from(s.keys, (k) => {
      let i = used.get(k);
      if (i === undefined) {
        i = cells.length;
        used.set(k, i);
        cells.push(cellKey(keys.cell(k)));
      }
      return i;
    });
    rows.push([file, mtimeMs, size, s.meta, s.shell, local, Array.from(s.medians), Array.from(s.ns)]);
  }
  return JSON.stringify({ version: VERSION, cells, rows });
}

function parseCell(key: string): CellId {
  const [task, mode, impl, workers] = key.split('|');
  return { task: task as CellId['task'], mode: mode as CellId['mode'], impl: impl!, workers: Number(workers) };
}

/**
 * The saved index of `path`, its cell keys interned into `keys`; empty when there is none, it is
 * of another version or it does not parse (then the folder is simply read afresh).
 */
export async function readIndex(path: string, keys: CellKeys): Promise<Indexed[]> {
  let saved: { version?: unknown; cells?: unknown; rows?: unknown };
  try {
    saved = JSON.parse(await readFile(path, 'utf8')) as typeof saved;
  } catch {
    return [];
  }
  if (saved.version !== VERSION || !Array.isArray(saved.cells) || !Array.isArray(saved.rows)) return [];
  const ids = (saved.cells as string[]).map((c) => keys.idOf(parseCell(String(c))));
  const out: Indexed[] = [];
  for (const row of saved.rows as Row[]) {
    if (!Array.isArray(row) || row.length !== 8) continue;
    const [file, mtimeMs, size, meta, shell, local, medians, ns] = row;
    if (typeof file !== 'string' || typeof mtimeMs !== 'number' || typeof size !== 'number') continue;
    if (local.some((i) => ids[i] === undefined) || medians.length !== local.length || ns.length !== local.length)
      continue;
    out.push({
      file,
      mtimeMs,
      size,
      summary: {
        meta,
        shell,
        keys: Uint32Array.from(local, (i) => ids[i]!),
        medians: Float64Array.from(medians),
        ns: Uint32Array.from(ns),
      },
    });
  }
  return out;
}

/** Save the index atomically. */
export async function writeIndex(path: string, text: string): Promise<void> {
  await writeAtomic(path, new TextEncoder().encode(text));
}
