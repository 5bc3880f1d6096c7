import type { Batch, ResultFile } from '@tvp/core';
import type { AnalyzedRun } from '@tvp/core/analysis';

/** Which of the article's two figures a run belongs on. */
export type Sweep = 'standard' | 'extended';

/** One decoded result file as the page sees it: the run itself plus what the server derived from it. */
export interface RunView extends AnalyzedRun {
  /** File name inside the results folder. */
  file: string;
  /** Machines are told apart by their label, else their host name. */
  machine: string;
  /** `extended` when the run has a worker count above 8: drawn on a log2 axis. */
  sweep: Sweep;
  /** The run's own warnings, core's environment warnings and failed cells, once each. */
  warnings: string[];
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
 * `GET /api/results`: every decoded run (DESIGN.md), newest first, and the skipped files. The
 * derived statistics of one run are at `GET /api/results/:id` (a `RunView`), so that a folder of
 * a thousand runs is not summarized all at once.
 */
export interface ResultsPayload {
  generatedAt: string;
  runs: StoredResult[];
  skipped: SkippedFile[];
}
