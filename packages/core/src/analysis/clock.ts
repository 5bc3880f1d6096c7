import type { Clock, ResultFile } from '../format/types.ts';

/** The clock that timed a run's hub runs; files written before the article clock used phases. */
export const clockOf = (r: Pick<ResultFile, 'config'>): Clock => r.config.clock ?? 'phases';

/** Whether a run's spawn, work and teardown are phases one after another (worker-cost fits need that). */
export const hasPhases = (r: Pick<ResultFile, 'config'>): boolean => clockOf(r) === 'phases';

/** A figure caption's words for what timed its totals. */
export function clockCaption(clock: Clock): string {
  return clock === 'article'
    ? "Totals timed by the article's clock: from creating the pool to the last worker's exit, tasks starting on each worker as soon as it is ready."
    : 'Totals timed in phases: all workers started and ready before the first task, then the work, then the teardown.';
}
