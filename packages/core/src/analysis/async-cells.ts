import type { ResultFile, RunConfig, TaskKind } from '../format/types.ts';

/**
 * The worker counts at which the async baseline runs `task`: every count, except the cpu task
 * when `asyncCpuMaxWorkers` is set, which runs at the counts up to it (at the smallest when none is).
 */
export function asyncWorkers(config: Pick<RunConfig, 'workers' | 'asyncCpuMaxWorkers'>, task: TaskKind): number[] {
  const cap = config.asyncCpuMaxWorkers;
  if (task !== 'cpu' || cap === undefined) return config.workers;
  const kept = config.workers.filter((n) => n <= cap);
  return kept.length > 0 ? kept : config.workers.length > 0 ? [Math.min(...config.workers)] : [];
}

/**
 * Why a run has no async cpu cell at some worker counts, in one line (for the summary and the
 * page), so that nobody reads a missing cell as a failure; undefined when none was left out.
 */
export function asyncCpuNote(r: ResultFile): string | undefined {
  const { config } = r;
  if (config.asyncCpuMaxWorkers === undefined || !config.modes.includes('async') || !config.tasks.includes('cpu'))
    return undefined;
  const ran = asyncWorkers(config, 'cpu');
  const left = config.workers.filter((n) => !ran.includes(n));
  if (left.length === 0) return undefined;
  return `async/main ran cpu at ${ran.join(', ')} in flight only, not at ${left.join(', ')}: one thread cannot run cpu work faster with more in flight (--async-cpu-max-workers all runs every count)`;
}
