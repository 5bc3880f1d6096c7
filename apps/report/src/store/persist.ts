import { readFile } from 'node:fs/promises';
import { writeAtomic } from '@tvp/core';
import type { RunMeta } from '../payload.ts';
import { type CellId, type CellKeys, cellKey, type RunSummary } from './run-summary.ts';

/** The saved index's name in the results folder: a dot file, so listings never take it for a result. */
export const INDEX_FILE = '.tvp-index.json';

/** Bumped when the saved form changes; another version is ignored and the folder read afresh. */
const VERSION = 5; // 4: a payload-only run's sweep is `payload`; 5: payload cells keyed by way and size

/** A summarized file as the store indexes it. */
export interface Indexed {
  file: string;
  mtimeMs: number;
  size: number;
  summary: RunSummary;
}

type Shell = RunSummary['shell'];

/**
 * A row of the saved index. Env, config, cell key lists and sample counts repeat from run to run,
 * so each is saved once in a table and a row names it by number. Every run's medians sit in one
 * Float64Array saved as base64, a row giving where its own start: far faster to read than 50
 * numbers of JSON per run (10,000 runs: 21 MB of JSON before, and a restart took over a second).
 */
type Row = [
  file: string,
  mtimeMs: number,
  size: number,
  meta: RunMeta,
  shell: Omit<Shell, 'env' | 'config'>,
  env: number,
  config: number,
  keys: number,
  ns: number,
  medians: number,
];

/** Numbers each distinct value by its JSON text. */
class Table {
  readonly values: string[] = [];
  readonly #ids = new Map<string, number>();
  idOf(value: unknown): number {
    const text = JSON.stringify(value);
    let id = this.#ids.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.#ids.set(text, id);
      this.values.push(text);
    }
    return id;
  }
}

/** The index as JSON: each repeated part once, then a row per file. */
export function indexText(entries: Iterable<Indexed>, keys: CellKeys): string {
  const envs = new Table();
  const configs = new Table();
  const keyLists = new Table();
  const nLists = new Table();
  const rows: Row[] = [];
  const all: Float64Array[] = [];
  let at = 0;
  for (const { file, mtimeMs, size, summary: s } of entries) {
    const { env, config, ...top } = s.shell;
    rows.push([
      file,
      mtimeMs,
      size,
      s.meta,
      top,
      envs.idOf(env),
      configs.idOf(config),
      keyLists.idOf(Array.from(s.keys, (k) => cellKey(keys.cell(k)))),
      nLists.idOf(Array.from(s.ns)),
      at,
    ]);
    all.push(s.medians);
    at += s.medians.length;
  }
  const medians = new Float64Array(at);
  let i = 0;
  for (const m of all) {
    medians.set(m, i);
    i += m.length;
  }
  const table = (t: Table) => `[${t.values.join(',')}]`;
  return `{"version":${VERSION},"envs":${table(envs)},"configs":${table(configs)},"keys":${table(keyLists)},"ns":${table(nLists)},"medians":"${Buffer.from(medians.buffer).toString('base64')}","rows":${JSON.stringify(rows)}}`;
}

/** A cell from its key (`cellKey`): four parts, or six for a payload cell (its way and size). */
function parseCell(key: string): CellId {
  const [task, mode, impl, workers, way, bytes] = key.split('|');
  const c: CellId = {
    task: task as CellId['task'],
    mode: mode as CellId['mode'],
    impl: impl!,
    workers: Number(workers),
  };
  if (way) c.way = way as NonNullable<CellId['way']>;
  if (bytes) c.payloadBytes = Number(bytes);
  return c;
}

/** Every run's medians, one after another; undefined when the bytes are not whole numbers. */
function allMedians(base64: string): Float64Array | undefined {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength % 8 !== 0) return undefined;
  // Copied into a buffer of its own: a Float64Array must start at a multiple of 8 bytes.
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

interface Saved {
  version: number;
  envs: Shell['env'][];
  configs: Shell['config'][];
  keys: string[][];
  ns: number[][];
  medians: string;
  rows: Row[];
}

/**
 * The saved index of `path`, its cell keys interned into `keys`; empty when there is none, it is
 * of another version or it does not parse (then the folder is simply read afresh). Rows that
 * do not fit their tables are left out, and their files read again.
 */
export async function readIndex(path: string, keys: CellKeys): Promise<Indexed[]> {
  let saved: Partial<Saved>;
  try {
    saved = JSON.parse(await readFile(path, 'utf8')) as Partial<Saved>;
  } catch {
    return [];
  }
  const { version, envs, configs, keys: keyLists, ns: nLists, rows } = saved;
  if (version !== VERSION || !envs || !configs || !keyLists || !nLists || !Array.isArray(rows)) return [];
  const medians = typeof saved.medians === 'string' ? allMedians(saved.medians) : undefined;
  if (!medians) return [];
  // Runs share their key list and counts: one typed array each, read-only once indexed.
  const keyArrays = keyLists.map((list) => Uint32Array.from(list, (k) => keys.idOf(parseCell(k))));
  const nArrays = nLists.map((list) => Uint32Array.from(list));
  const out: Indexed[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== 10) continue;
    const [file, mtimeMs, size, meta, top, env, config, k, n, m] = row;
    const keyArray = keyArrays[k];
    const nArray = nArrays[n];
    if (!envs[env] || !configs[config] || !keyArray || !nArray || nArray.length !== keyArray.length) continue;
    if (!Number.isInteger(m) || m < 0 || m + keyArray.length > medians.length) continue;
    // A view into the one array: no buffer per run.
    const med = medians.subarray(m, m + keyArray.length);
    out.push({
      file,
      mtimeMs,
      size,
      summary: {
        meta,
        // The parsed row's own object becomes the shell: no copy per run.
        shell: Object.assign(top, { env: envs[env], config: configs[config] }),
        keys: keyArray,
        medians: med,
        ns: nArray,
      },
    });
  }
  return out;
}

/** Save the index atomically. */
export async function writeIndex(path: string, text: string): Promise<void> {
  await writeAtomic(path, new TextEncoder().encode(text));
}
