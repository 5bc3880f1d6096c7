import type { Batch, Cell, ResultFile, TaskKind } from '@tvp/core';
import type { AnalyzedRun } from '@tvp/core/analysis';

/**
 * Which of the article's two figures a run belongs on, or `payload` for a run of the payload task
 * alone (`--task payload`): its own choice per runtime, so that it never hides a runtime's latest
 * sweep from the verdict grid and the article's figures.
 */
export type Sweep = 'standard' | 'extended' | 'payload';

/**
 * One decoded result file as the page sees it: the run itself plus what the server derived from it.
 * `result.cells` (and `cells`, their statistics) are the cold cells only, as the article's runs
 * had: every figure, finding, table and comparison reads them without asking about pools; the
 * warm cells of a `--pool cold,warm` run are kept apart in `warm`, read by the warm-pool figure.
 */
export interface RunView extends AnalyzedRun {
  /** File name inside the results folder. */
  file: string;
  /** Machines are told apart by their label, else their host name. */
  machine: string;
  /** `extended` when the run has a worker count above 8: drawn on a log2 axis; `payload` for a payload-only run. */
  sweep: Sweep;
  /** The run's own warnings, core's environment warnings and failed cells, once each. */
  warnings: string[];
  /** The cells that ran on warm pools (`pool: 'warm'`), taken out of `result.cells`; absent when none. */
  warm?: Cell[];
}

/** What the page lists of every run: enough to choose one, without its cells. */
export interface RunMeta {
  id: string;
  file: string;
  machine: string;
  runtime: string;
  runtimeVersion: string;
  createdAt: string;
  preset: string;
  sweep: Sweep;
  /** The task kinds the run was asked for (its config's `tasks`): what the page's task choice lists. */
  tasks?: TaskKind[];
  /** The bench this run was part of (`pnpm bench -- --rounds K`), so its other rounds can be fetched. */
  batch?: Batch;
}

/** A file in the results folder that could not be read, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** `GET /api/index`: every run's meta, newest first, and the skipped files. */
export interface IndexPayload {
  generatedAt: string;
  runs: RunMeta[];
  skipped: SkippedFile[];
}

/** The data inlined into an exported page: the index and every run's view by id. */
export interface InlineData {
  index: IndexPayload;
  runs: Record<string, RunView>;
}

/** One decoded result file and where it sits. */
export interface StoredResult {
  meta: RunMeta;
  result: ResultFile;
}

/**
 * `GET /api/results`: one page of the decoded runs (DESIGN.md's every run, a page at a time),
 * newest first, and the skipped files. Follow `next` (`?cursor=`) until it is null to get every
 * run. The derived statistics of one run are at `GET /api/results/:id` (a `RunView`).
 */
export interface ResultsPayload {
  generatedAt: string;
  /** Runs in the folder, across every page. */
  total: number;
  runs: StoredResult[];
  skipped: SkippedFile[];
  /** The cursor of the next page (`?cursor=`), null on the last page. */
  next: string | null;
}

/** A run on a history chart: where it sits, and whether it did the same work as the latest. */
export interface HistoryRun {
  id: string;
  createdAt: string;
  runtimeVersion: string;
  /** Runs in one segment did comparable work, one after another; a new segment starts where the work changed. */
  segment: number;
  /** Comparable with the latest run (core's `comparable`) on this task. */
  comparable: boolean;
  /** Why not, when not. */
  reasons: string[];
}

/** One cell of a machine and runtime: a line on a history chart. */
export interface HistoryCell {
  mode: string;
  impl: string;
  workers: number;
  /** A payload cell's way and size, which tell one transport's payload cells apart. */
  way?: string;
  payloadBytes?: number;
}

/** A cell's median total over time, aligned with `HistoryPayload.runs` (null where a run lacks it). */
export interface HistorySeries extends HistoryCell {
  medians: (number | null)[];
  ns: (number | null)[];
}

/** `GET /api/history`: one machine, runtime and task over time, from the server's index. */
export interface HistoryPayload {
  machine: string;
  runtime: string;
  task: string;
  /** Oldest first. */
  runs: HistoryRun[];
  /** Every cell the runs have, to choose from. */
  cells: HistoryCell[];
  /** The chosen cell, else per mode and implementation the 8-worker cell (or the largest). */
  series: HistorySeries[];
}
