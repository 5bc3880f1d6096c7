import type { Impl, Mode, ResultFile, TaskKind } from '@tvp/core';
import { median } from '@tvp/core/analysis';
import type { RunMeta } from '../payload.ts';
import { toMeta } from '../view.ts';

/** One cell of a run: task, mode, implementation and worker count. */
export interface CellId {
  task: TaskKind;
  mode: Mode;
  impl: Impl;
  workers: number;
}

/** The key of a cell in a run summary. */
export const cellKey = (c: CellId): string => `${c.task}|${c.mode}|${c.impl}|${c.workers}`;

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

/** Interns cell keys, so each run stores a number per cell, not a string. */
export class CellKeys {
  readonly #ids = new Map<string, number>();
  readonly #cells: CellId[] = [];
  /** The number of a cell, assigned on first sight. */
  idOf(c: CellId): number {
    const key = cellKey(c);
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#cells.length;
      this.#ids.set(key, id);
      this.#cells.push({ task: c.task, mode: c.mode, impl: c.impl, workers: c.workers });
    }
    return id;
  }
  /** The cell with this number. */
  cell(id: number): CellId {
    const c = this.#cells[id];
    if (!c) throw new Error(`no cell key ${id}`);
    return c;
  }
}

/** Summarize a decoded run for the index: the median total of each ok cell with samples. */
export function summarizeRun(file: string, result: ResultFile, keys: CellKeys): RunSummary {
  const ok = result.cells.filter((c) => c.status === 'ok' && c.samples.length > 0);
  // Dropping the cells and warnings keeps the shell at env and config: about a kilobyte. The JSON
  // round trip detaches meta and shell from the decoded file: kept as decoded, 10,000 of them held
  // 94 MB of heap; copied, 25 MB.
  const { cells: _cells, warnings: _warnings, ...rest } = result;
  const { meta, shell } = JSON.parse(JSON.stringify({ meta: toMeta(file, result), shell: { ...rest, cells: [] } })) as {
    meta: RunMeta;
    shell: ResultFile;
  };
  const summary: RunSummary = {
    meta,
    shell,
    keys: new Uint32Array(ok.length),
    medians: new Float64Array(ok.length),
    ns: new Uint32Array(ok.length),
  };
  ok.forEach((c, i) => {
    summary.keys[i] = keys.idOf(c);
    summary.medians[i] = median(c.samples.map((s) => s.totalMs));
    summary.ns[i] = c.samples.length;
  });
  return summary;
}
