import { TASK_KINDS } from '../constants.ts';
import type { TaskKind } from '../format/types.ts';
import type { AnalyzedRun } from './analyzed-run.ts';
import type { CellSummary } from './summarize.ts';

/** A cell that ran and has statistics. */
export type OkCell = CellSummary & { total: NonNullable<CellSummary['total']> };

/** A line on a chart: one mode and impl of one run. */
export interface Line {
  run: AnalyzedRun;
  task: TaskKind;
  mode: CellSummary['mode'];
  impl: string;
  /** By worker count, ascending. */
  cells: OkCell[];
}

const isOk = (c: CellSummary): c is OkCell => c.status === 'ok' && c.total !== undefined;

/** The run's ok cells of one task, as lines by mode and impl, in the order the run wrote them. */
export function linesOf(run: AnalyzedRun, task: TaskKind): Line[] {
  // A payload task's cells at one worker count differ by way and size: no line by workers (payload-costs.ts).
  if (task === 'payload') return [];
  const lines = new Map<string, Line>();
  for (const c of run.cells) {
    if (c.task !== task || !isOk(c)) continue;
    const key = `${c.mode}/${c.impl}`;
    let line = lines.get(key);
    if (!line) {
      line = { run, task, mode: c.mode, impl: c.impl, cells: [] };
      lines.set(key, line);
    }
    line.cells.push(c);
  }
  for (const l of lines.values()) l.cells.sort((a, b) => a.workers - b.workers);
  return [...lines.values()];
}

/**
 * The tasks a run measured, in the article's order; not `payload`, whose cells differ by way and
 * size, not only by worker count (payload-fit.ts reads them).
 */
export function tasksOf(run: AnalyzedRun): TaskKind[] {
  const present = new Set(run.cells.map((c) => c.task));
  return TASK_KINDS.filter((t) => t !== 'payload' && present.has(t));
}

/** "node threads/worker_threads": how a line is named in legends and tables. */
export const lineLabel = (l: Pick<Line, 'run' | 'mode' | 'impl'>): string =>
  `${l.run.result.env.runtime} ${l.mode}${l.impl === 'main' ? '' : `/${l.impl}`}`;

/** The cell of a line at a worker count. */
export const at = (l: Line, workers: number): OkCell | undefined => l.cells.find((c) => c.workers === workers);
