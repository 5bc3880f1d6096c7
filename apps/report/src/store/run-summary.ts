import { isDeepStrictEqual } from 'node:util';
import {
  type CellColumns,
  type Impl,
  type Mode,
  PAYLOAD_WAYS,
  type PayloadWay,
  type ResultFile,
  type ResultSummary,
  summarizeResult,
  type TaskKind,
} from '@tvp/core';
import type { RunMeta } from '../payload.ts';
import { toMeta } from '../view.ts';

/**
 * One cell of a run: task, mode, implementation and worker count, and for a payload cell its way
 * and size (one transport's payload cells differ only by those).
 */
export interface CellId {
  task: TaskKind;
  mode: Mode;
  impl: Impl;
  workers: number;
  way?: PayloadWay;
  payloadBytes?: number;
}

/** The key of a cell in a run summary; a payload cell's way and size follow its other four. */
export const cellKey = (c: CellId): string =>
  `${c.task}|${c.mode}|${c.impl}|${c.workers}${c.way === undefined && c.payloadBytes === undefined ? '' : `|${c.way ?? ''}|${c.payloadBytes ?? ''}`}`;

/** The cell of a run summary's columns at `i`, with its way and size when it has them. */
function cellAt(c: Layout, i: number): CellId {
  const id: CellId = { task: c.task[i]!, mode: c.mode[i]!, impl: c.impl[i]!, workers: c.workers[i]! };
  const way = c.way?.[i];
  const bytes = c.payloadBytes?.[i];
  if (way !== undefined && way !== null) id.way = way;
  if (bytes !== undefined && bytes !== null) id.payloadBytes = bytes;
  return id;
}

/**
 * What the index keeps of a run: its meta, what core's `comparable` reads (the run without its
 * cells), and per ok cell the median total and n. Medians sit in typed arrays beside one shared
 * key table, so 10,000 runs of 50 cells cost a few MB instead of half a million objects.
 */
export interface RunSummary {
  meta: RunMeta;
  /** The run with no cells and no warnings: env and config, for `comparable`. */
  shell: ResultFile;
  /** Indexes into the store's `CellKeys`. */
  keys: Uint32Array;
  medians: Float64Array;
  ns: Uint32Array;
}

/**
 * Cell layouts remembered by `idsOf`: runs of one sweep share theirs, so a folder has a few; past
 * this many (a folder of every kind of sweep, or a crafted one) the rest are interned cell by cell.
 */
const LAYOUTS = 1024;

/** Distinct envs and configs `shared` remembers: machines times sweeps; past it, a run keeps its own. */
const SHARED = 4096;

/** Layouts compared item by item before a JSON key is made. */
const RECENT = 8;

/** Which cells a run has, in order. */
type Layout = Pick<CellColumns, 'task' | 'mode' | 'impl' | 'workers' | 'way' | 'payloadBytes'>;

const sameOptional = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean =>
  a === undefined || b === undefined ? a === b : sameList(a, b);

const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const sameLayout = (a: Layout, b: Layout): boolean =>
  sameList(a.workers, b.workers) &&
  sameList(a.impl, b.impl) &&
  sameList(a.mode, b.mode) &&
  sameList(a.task, b.task) &&
  sameOptional(a.way, b.way) &&
  sameOptional(a.payloadBytes, b.payloadBytes);

/** Interns cell keys, so each run stores a number per cell, not a string. */
export class CellKeys {
  readonly #ids = new Map<string, number>();
  readonly #cells: CellId[] = [];
  readonly #layouts = new Map<string, Uint32Array>();
  readonly #shared = new Map<string, unknown>();
  /** The layouts seen last, compared item by item before any JSON is made: a folder alternates between a few. */
  #recent: { cells: Layout; ids: Uint32Array }[] = [];
  /** The number of a cell, assigned on first sight. */
  idOf(c: CellId): number {
    const key = cellKey(c);
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#cells.length;
      this.#ids.set(key, id);
      const own: CellId = { task: c.task, mode: c.mode, impl: c.impl, workers: c.workers };
      if (c.way !== undefined) own.way = c.way;
      if (c.payloadBytes !== undefined) own.payloadBytes = c.payloadBytes;
      this.#cells.push(own);
    }
    return id;
  }
  /**
   * The numbers of a run's cells, in order. Runs with the same cells (one JSON text of the
   * lists) get one array, to be read only: 10,000 runs of 50 cells then build a key string per
   * cell for a few runs, not for half a million cells.
   */
  idsOf(c: Layout): Uint32Array {
    const seen = this.#recent.find((r) => sameLayout(r.cells, c));
    if (seen) return seen.ids;
    const layout = JSON.stringify([c.task, c.mode, c.impl, c.workers, c.way ?? null, c.payloadBytes ?? null]);
    let ids = this.#layouts.get(layout);
    if (!ids) {
      ids = new Uint32Array(c.task.length);
      for (let i = 0; i < ids.length; i++) ids[i] = this.idOf(cellAt(c, i));
      if (this.#layouts.size < LAYOUTS) this.#layouts.set(layout, ids);
    }
    // Copied: the caller's lists are its summary's, not to be kept.
    const cells: Layout = {
      task: [...c.task],
      mode: [...c.mode],
      impl: [...c.impl],
      workers: [...c.workers],
      ...(c.way ? { way: [...c.way] } : {}),
      ...(c.payloadBytes ? { payloadBytes: [...c.payloadBytes] } : {}),
    };
    this.#recent = [{ cells, ids }, ...this.#recent.slice(0, RECENT - 1)];
    return ids;
  }
  /**
   * One object for each distinct value (by its JSON text): a run's env and config, shared by every
   * run of a machine and sweep, as the saved index shares them. After a first start from 10,000
   * summaries the heap held 40 MB with them shared, 55 MB without. Shared values are read only.
   */
  shared<T>(value: T): T {
    const text = JSON.stringify(value);
    const seen = this.#shared.get(text);
    if (seen !== undefined) return seen as T;
    if (this.#shared.size < SHARED) this.#shared.set(text, value);
    return value;
  }
  /** The cell with this number. */
  cell(id: number): CellId {
    const c = this.#cells[id];
    if (!c) throw new Error(`no cell key ${id}`);
    return c;
  }
}

/**
 * The index's summary of a run from core's summary of it (read from beside its file, or made from
 * the decoded file): the median total of each ok cold cell with samples. `file` is the result file's
 * own name, whatever the summary says.
 */
export function fromSummary(file: string, s: ResultSummary, keys: CellKeys): RunSummary {
  const { workers, status, n, medianMs, pool } = s.cells;
  const ids = keys.idsOf(s.cells);
  // A warm cell has a cold one's key but timed other work (no spawn): the index holds cold cells.
  const indexed = (i: number) => status[i] === 'ok' && n[i]! > 0 && medianMs[i] !== null && pool?.[i] !== 'warm';
  let ok = 0;
  let most = 0;
  for (let i = 0; i < ids.length; i++) {
    most = Math.max(most, workers[i]!);
    if (indexed(i)) ok++;
  }
  // Every cell ok (most runs): the layout's shared array, read only like the saved index's.
  const summary: RunSummary = {
    // Which figure a run belongs on depends only on its largest worker count.
    meta: toMeta(file, { ...s.run, cells: [{ workers: most }] }),
    shell: { ...s.run, env: keys.shared(s.run.env), config: keys.shared(s.run.config) },
    keys: ok === ids.length ? ids : new Uint32Array(ok),
    medians: new Float64Array(ok),
    ns: new Uint32Array(ok),
  };
  for (let i = 0, j = 0; i < ids.length; i++) {
    if (!indexed(i)) continue;
    if (summary.keys !== ids) summary.keys[j] = ids[i]!;
    summary.medians[j] = medianMs[i]!;
    summary.ns[j] = n[i]!;
    j++;
  }
  return summary;
}

/** Summarize a decoded run for the index, as core summarizes it for the file beside it. */
export function summarizeRun(file: string, result: ResultFile, keys: CellKeys): RunSummary {
  return summarizeDecoded(file, result, keys).index;
}

/**
 * A decoded run's summary for the index and core's summary of it for the file beside it; the two
 * share the run's env and config, so a summary queued for writing costs only its cell lists.
 */
export function summarizeDecoded(
  file: string,
  result: ResultFile,
  keys: CellKeys,
): { index: RunSummary; summary: ResultSummary } {
  // Dropping the cells and warnings keeps the shell at env and config: about a kilobyte. The
  // JSON round trip detaches it from the decoded file: kept as decoded, 10,000 of them held 94 MB
  // of heap; copied, 25 MB.
  const { run, cells } = summarizeResult(result);
  const index = fromSummary(file, { run: JSON.parse(JSON.stringify(run)) as ResultFile, cells }, keys);
  // Strings decoded from a file can hold on to all of its text: the queued lists take the key
  // table's (one per cell kind) and literal statuses, so a summary waiting to be written holds
  // no more than itself (10,000 of them held 324 MB of RSS with the decoded strings).
  const ids = keys.idsOf(cells);
  const kinds = Array.from(ids, (id) => keys.cell(id));
  const own: CellColumns = {
    task: kinds.map((c) => c.task),
    mode: kinds.map((c) => c.mode),
    impl: kinds.map((c) => c.impl),
    workers: cells.workers,
    status: cells.status.map((x) => (x === 'ok' ? 'ok' : 'failed')),
    n: cells.n,
    medianMs: cells.medianMs,
    // The optional lists, their strings swapped for core's own literals as the keys' are.
    ...(cells.way ? { way: cells.way.map((w) => (w === null ? null : (PAYLOAD_WAYS.find((x) => x === w) ?? w))) } : {}),
    ...(cells.payloadBytes ? { payloadBytes: cells.payloadBytes } : {}),
    ...(cells.pool ? { pool: cells.pool.map((p) => (p === null ? null : 'warm')) } : {}),
  };
  return { index, summary: { run: index.shell, cells: own } };
}

/** True when two summaries (of one store's key table) say the same of a run. */
export function sameSummary(a: RunSummary, b: RunSummary): boolean {
  return (
    isDeepStrictEqual(a.meta, b.meta) &&
    isDeepStrictEqual(a.shell, b.shell) &&
    isDeepStrictEqual(Array.from(a.keys), Array.from(b.keys)) &&
    isDeepStrictEqual(Array.from(a.medians), Array.from(b.medians)) &&
    isDeepStrictEqual(Array.from(a.ns), Array.from(b.ns))
  );
}
