import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { median } from '../analysis/stats.ts';
import { MAX_CELLS, MAX_SAMPLES, MAX_STRING_LENGTH, MAX_WORKERS, MODES, TASK_KINDS } from '../constants.ts';
import { encodePlain, unpackPlain } from './codec.ts';
import { readResult } from './codec-fields.ts';
import { readPayloadBytes, WAYS } from './codec-payload.ts';
import { readCellPool } from './codec-pools.ts';
import { describe, FieldReader, path as fieldPath, type Obj } from './codec-reader.ts';
import type { Cell, Impl, Mode, PayloadWay, ResultFile, TaskKind } from './types.ts';

/**
 * The folder, inside the results folder, that holds a summary per result file. A dot folder: a
 * listing of result files, `results/*.msgpack` and the report's watcher of the folder never see
 * what is inside it.
 */
export const SUMMARY_DIR = '.tvp-summaries';

/** Bumped when the summary's form changes; a summary of another version is ignored and its file decoded. */
export const SUMMARY_VERSION = 1 as const;

/**
 * The largest summary read, or written. A real one is 2 to 3 KB (50 cells); one per cell of the
 * largest plausible sweep (3,843 cells, see MAX_CELLS) is about 200 KB. A larger one is refused
 * before a byte of it is read, and its result file decoded instead.
 */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

/**
 * A run's cells as a summary keeps them: one list per field, the i-th item of each for the i-th
 * cell in the file's order, failed cells too. Lists of plain values, not a map per cell: a reader
 * of 10,000 summaries decodes them in a third of the time and makes far less garbage.
 */
export interface CellColumns {
  task: TaskKind[];
  mode: Mode[];
  impl: Impl[];
  workers: number[];
  status: Cell['status'][];
  /** How many samples each cell has. */
  n: number[];
  /** The median `totalMs` of each cell's samples; nil for a cell without any. */
  medianMs: (number | null)[];
  // The optional lists (OPTIONAL_COLUMNS) are written only when some cell has the field, so a run
  // without payload or warm cells keeps the summary it had; nil for a cell without it. A summary
  // without one stands for cells without that field, as an older summary does.
  /** `payload` cells: how the bytes travelled. */
  way?: (PayloadWay | null)[];
  /** `payload` cells: the bytes each task carried each way. */
  payloadBytes?: (number | null)[];
  /** `warm` for a cell whose workers lived across its runs. */
  pool?: ('warm' | null)[];
}

/** The optional cell fields a summary keeps, each a list beside the others when some cell has it. */
const OPTIONAL_COLUMNS = ['way', 'payloadBytes', 'pool'] as const;

/** What a reader that lists many runs needs of one, without its samples. */
export interface ResultSummary {
  /** The run with no cells and no warnings: its env and config, for `comparable`, and the rest of its metadata. */
  run: ResultFile;
  cells: CellColumns;
}

/** The version of a file on disk a summary stands for. */
export interface FileVersion {
  size: number;
  mtimeMs: number;
}

/** A summary as written beside its result file: tied to the version of the file it was made from. */
export interface SummaryFile extends ResultSummary {
  summaryVersion: typeof SUMMARY_VERSION;
  of: FileVersion;
}

/** What a summary's name adds to its result file's name. */
export const SUMMARY_SUFFIX = '.summary';

/** The summary's path for a result file: `<folder>/.tvp-summaries/<name>.summary`. */
export const summaryPath = (resultFile: string): string =>
  path.join(path.dirname(resultFile), SUMMARY_DIR, `${path.basename(resultFile)}${SUMMARY_SUFFIX}`);

/** Summarize a run: the run without its cells and warnings, and per cell the n and median total. */
export function summarizeResult(r: ResultFile): ResultSummary {
  // Warm cells (`pool: 'warm'`) share a cold cell's task, mode, impl and workers but time other
  // work (no spawn, live workers): they are listed with `pool`, and a reader that keys cells by
  // those four (the report's index) leaves them out by it.
  const { cells, warnings: _w, ...rest } = r;
  return {
    run: { ...rest, cells: [] },
    cells: {
      task: cells.map((c) => c.task),
      mode: cells.map((c) => c.mode),
      impl: cells.map((c) => c.impl),
      workers: cells.map((c) => c.workers),
      status: cells.map((c) => c.status),
      n: cells.map((c) => c.samples.length),
      medianMs: cells.map((c) => (c.samples.length > 0 ? median(c.samples.map((s) => s.totalMs)) : null)),
      ...optionalColumns(cells),
    },
  };
}

/** The optional lists (OPTIONAL_COLUMNS) some cell has a value for. */
function optionalColumns(cells: readonly Cell[]): Pick<CellColumns, (typeof OPTIONAL_COLUMNS)[number]> {
  const out: Pick<CellColumns, (typeof OPTIONAL_COLUMNS)[number]> = {};
  if (cells.some((c) => c.way !== undefined)) out.way = cells.map((c) => c.way ?? null);
  if (cells.some((c) => c.payloadBytes !== undefined)) out.payloadBytes = cells.map((c) => c.payloadBytes ?? null);
  if (cells.some((c) => c.pool !== undefined)) out.pool = cells.map((c) => c.pool ?? null);
  return out;
}

/**
 * True when a summary stands for this version of its file: the same size and mtime to the whole
 * millisecond (Deno's `stat` gives whole milliseconds where Node's and Bun's give a fraction).
 */
export const summaryMatches = (s: SummaryFile, v: FileVersion): boolean =>
  s.of.size === v.size && Math.floor(s.of.mtimeMs) === Math.floor(v.mtimeMs);

/** Encode a summary in the portable msgpack form of result files. */
export function encodeSummary(s: SummaryFile): Uint8Array {
  return encodePlain(s);
}

/**
 * A run's summary (`summarizeResult`) for `version` of its result file, encoded; undefined when it
 * would be larger than MAX_SUMMARY_BYTES (readers then decode the file).
 */
export function summaryBytes(s: ResultSummary, version: FileVersion): Uint8Array | undefined {
  const bytes = encodeSummary({ summaryVersion: SUMMARY_VERSION, of: version, run: s.run, cells: s.cells });
  return bytes.byteLength > MAX_SUMMARY_BYTES ? undefined : bytes;
}

const STATUSES: readonly Cell['status'][] = ['ok', 'failed'];

/** Errors in the run inside a summary are named `run.<field>`. */
class RunFields extends FieldReader {
  override fail(field: string, detail: string): never {
    return super.fail(fieldPath('run', field), detail);
  }
}

/**
 * Read a summary with the result reader's caps and checks, refusing with a ResultFileError that
 * names `file` and the field: another version, more than MAX_SUMMARY_BYTES, a malformed run or
 * cell, a cell whose n and median disagree. Costs time in proportion to the size of `bytes`.
 */
export function decodeSummary(bytes: Uint8Array, file: string): SummaryFile {
  const r = new FieldReader(file);
  if (bytes.byteLength > MAX_SUMMARY_BYTES)
    r.fail('', `${bytes.byteLength} bytes, more than the ${MAX_SUMMARY_BYTES} a summary may have`);
  const o = r.map({ '(top level)': unpackPlain(bytes, r, 'summary') }, '', '(top level)');
  if (o.summaryVersion !== SUMMARY_VERSION)
    r.fail(
      'summaryVersion',
      `unsupported summary version ${describe(o.summaryVersion)} (this reader knows ${SUMMARY_VERSION})`,
    );
  const of = r.map(o, '', 'of');
  const version: FileVersion = { size: r.int(of, 'of', 'size', 0), mtimeMs: r.num(of, 'of', 'mtimeMs') };
  r.map(o, '', 'run');
  const { cells: runCells, warnings: _w, ...run } = readResult(new RunFields(file), o.run);
  if (runCells.length > 0) r.fail('run.cells', 'a summary keeps its cells in `cells`, not in the run');
  const cells = readCells(r, o);
  const pools = run.config.pools ?? ['cold'];
  const warm = cells.pool?.indexOf('warm') ?? -1;
  if (warm >= 0 && !pools.includes('warm'))
    r.fail(fieldPath(fieldPath('cells', 'pool'), warm), `warm, but run.config.pools is ${pools.join(', ')}`);
  return {
    summaryVersion: SUMMARY_VERSION,
    of: version,
    run: { ...run, cells: [] },
    cells,
  };
}

const TASK_SET: ReadonlySet<unknown> = new Set(TASK_KINDS);
const MODE_SET: ReadonlySet<unknown> = new Set(MODES);
const STATUS_SET: ReadonlySet<unknown> = new Set(STATUSES);

/**
 * The cell lists, each as long as `task`, their items checked as a result file's cells are. Each
 * item is tested inline and handed to the reader's check only when it fails, for the message: a
 * listing reads half a million of them. The decoded lists are kept, not copied.
 */
function readCells(r: FieldReader, o: Obj): CellColumns {
  const h = r.map(o, '', 'cells');
  const f = 'cells';
  const list = (key: keyof CellColumns, max: number): unknown[] => {
    const v = h[key];
    if (!Array.isArray(v)) r.fail(fieldPath(f, key), `expected a list, got ${describe(v)}`);
    if (v.length > max) r.fail(fieldPath(f, key), `${v.length} items, more than the ${max} allowed`);
    return v;
  };
  const task = list('task', MAX_CELLS);
  const count = task.length;
  const lists = {
    task,
    mode: list('mode', count),
    impl: list('impl', count),
    workers: list('workers', count),
    status: list('status', count),
    n: list('n', count),
    medianMs: list('medianMs', count),
  };
  for (const [key, v] of Object.entries(lists)) {
    if (v.length < count) r.fail(fieldPath(f, key), `${v.length} items for ${count} cells`);
  }
  const { mode, impl, workers, status, n, medianMs } = lists;
  const at = (key: string) => fieldPath(f, key);
  for (let i = 0; i < count; i++) {
    if (!TASK_SET.has(task[i])) r.oneOf(task, at('task'), i, TASK_KINDS);
    if (!MODE_SET.has(mode[i])) r.oneOf(mode, at('mode'), i, MODES);
    if (!STATUS_SET.has(status[i])) r.oneOf(status, at('status'), i, STATUSES);
    const name = impl[i];
    if (typeof name !== 'string' || name.length > MAX_STRING_LENGTH) r.str(impl, at('impl'), i);
    const w = workers[i];
    if (!(Number.isInteger(w) && (w as number) >= 1 && (w as number) <= MAX_WORKERS))
      r.int(workers, at('workers'), i, 1, MAX_WORKERS);
    const k = n[i];
    if (!(Number.isInteger(k) && (k as number) >= 0 && (k as number) <= MAX_SAMPLES))
      r.int(n, at('n'), i, 0, MAX_SAMPLES);
    const m = medianMs[i];
    if (m !== null) {
      if (!(typeof m === 'number' && Number.isFinite(m) && m >= 0)) r.num(medianMs, at('medianMs'), i, 0);
      medianMs[i] = (m as number) + 0; // -0 as 0, as the reader reads it
    }
    if ((m !== null) !== (k as number) > 0)
      r.fail(fieldPath(at('medianMs'), i), `${(k as number) > 0 ? 'missing' : 'present'} with n = ${k}`);
    if (status[i] === 'ok' && k === 0) r.fail(fieldPath(at('n'), i), 'an ok cell has at least one sample');
  }
  return { ...(lists as CellColumns), ...readOptionalColumns(r, h, lists.mode as Mode[]) };
}

/**
 * The optional lists, where present (nil read as absent, as the result reader reads an absent
 * field): as long as the cells, each item nil or what the result reader accepts in that field.
 */
function readOptionalColumns(
  r: FieldReader,
  h: Obj,
  mode: Mode[],
): Pick<CellColumns, (typeof OPTIONAL_COLUMNS)[number]> {
  const out: Pick<CellColumns, (typeof OPTIONAL_COLUMNS)[number]> = {};
  const count = mode.length;
  const column = <T>(key: (typeof OPTIONAL_COLUMNS)[number], item: (l: unknown[], g: string, i: number) => T) => {
    const v = h[key];
    if (v === undefined || v === null) return undefined;
    const g = fieldPath('cells', key);
    if (!Array.isArray(v)) r.fail(g, `expected a list, got ${describe(v)}`);
    if (v.length !== count) r.fail(g, `${v.length} items for ${count} cells`);
    return v.map((x, i) => (x === null ? null : item(v, g, i)));
  };
  const way = column('way', (l, g, i) => r.oneOf(l, g, i, WAYS));
  if (way) out.way = way;
  const bytes = column('payloadBytes', (l, g, i) => readPayloadBytes(r, l, g, i));
  if (bytes) out.payloadBytes = bytes;
  const pool = column('pool', (l, g, i) => {
    const p = readCellPool(r, l, g, i);
    const m = mode[i];
    if (m === 'sequential' || m === 'async') r.fail(fieldPath(g, i), `the ${m} baseline has no workers to keep warm`);
    return p;
  });
  if (pool) out.pool = pool;
  return out;
}

/** Why a summary was not used: none there, or one of another version of the file, or unreadable. */
export type SummaryMiss = { kind: 'none' } | { kind: 'stale' } | { kind: 'unreadable'; reason: string };

/**
 * The summary of `resultFile` when it stands for `version` of it. Read synchronously, and at most
 * MAX_SUMMARY_BYTES of it: listing a folder of 10,000 runs, an open, read and close here cost a
 * few microseconds, the thread pool's round trip of an asynchronous read tens of them.
 */
export function readSummary(
  resultFile: string,
  version: FileVersion,
): { ok: true; summary: SummaryFile } | { ok: false; miss: SummaryMiss } {
  const file = summaryPath(resultFile);
  let bytes: Uint8Array;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { ok: false, miss: { kind: 'none' } };
  }
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_SUMMARY_BYTES) {
      const reason = `${file}: ${size} bytes, more than the ${MAX_SUMMARY_BYTES} a summary may have`;
      return { ok: false, miss: { kind: 'unreadable', reason } };
    }
    bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const got = readSync(fd, bytes, at, size - at, at);
      if (got === 0) break;
      at += got;
    }
    if (at < size) bytes = bytes.subarray(0, at);
  } catch (err) {
    return { ok: false, miss: { kind: 'unreadable', reason: `${file}: ${(err as Error).message}` } };
  } finally {
    closeSync(fd);
  }
  let summary: SummaryFile;
  try {
    summary = decodeSummary(bytes, file);
  } catch (err) {
    return { ok: false, miss: { kind: 'unreadable', reason: (err as Error).message } };
  }
  return summaryMatches(summary, version) ? { ok: true, summary } : { ok: false, miss: { kind: 'stale' } };
}

/** Remove the summary of `resultFile`, if there is one. */
export async function removeSummary(resultFile: string): Promise<void> {
  await rm(summaryPath(resultFile), { force: true });
}
