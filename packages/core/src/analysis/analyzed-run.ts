import type { ResultFile } from '../format/types.ts';
import { type CellSummary, coresOf, summarize } from './summarize.ts';

/** A run with what the analysis derives from it once: every cell's statistics and the cores that bound cpu. */
export interface AnalyzedRun {
  result: ResultFile;
  cells: CellSummary[];
  cores: number;
}

/** Summarize a run once, for findings, figures and tables. */
export const analyze = (result: ResultFile): AnalyzedRun => ({
  result,
  cells: summarize(result),
  cores: coresOf(result.env),
});
