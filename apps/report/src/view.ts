import type { ResultFile } from '@tvp/core';
import { coresOf, environmentWarnings, summarize } from '@tvp/core/analysis';
import { STANDARD_MAX_WORKERS } from './constants.ts';
import type { RunMeta, RunView, Sweep } from './payload.ts';
import { roundSummary } from './round.ts';

/** The machine a run belongs to: its label, else its host name. */
export const machineOf = (r: Pick<ResultFile, 'env'>): string => r.env.label || r.env.hostname || 'unknown machine';

/** Derive what the page needs from one decoded file: core's summaries (rounded) and every warning, once. */
export function toView(file: string, full: ResultFile): RunView {
  const warnings = new Set<string>([...(full.warnings ?? []), ...environmentWarnings(full.env)]);
  for (const c of full.cells) {
    if (c.status === 'failed')
      warnings.add(
        `${c.task} ${c.mode}/${c.impl} x${c.workers}${c.pool === 'warm' ? ' (warm pool)' : ''} failed: ${c.error ?? 'no reason given'}`,
      );
  }
  if (full.interrupted) warnings.add('the sweep was interrupted: only the cells finished by then are here');
  // A warm cell has a cold cell's task, mode, impl and workers: apart, so that no cold series,
  // speedup, fit or comparison takes one for the other (see RunView).
  const warm = full.cells.filter((c) => c.pool === 'warm');
  const result = warm.length > 0 ? { ...full, cells: full.cells.filter((c) => c.pool !== 'warm') } : full;
  return {
    file,
    machine: machineOf(result),
    result,
    cells: summarize(result).map(roundSummary),
    cores: coresOf(result.env),
    sweep: sweepOf(result),
    warnings: [...warnings],
    ...(warm.length > 0 ? { warm } : {}),
  };
}

/** What `toMeta` reads of a run: all but the cells, and of each cell (or its summary) its workers. */
export type MetaSource = Omit<ResultFile, 'cells'> & { cells: readonly { workers: number }[] };

/**
 * `payload` when the run measured the payload task alone (its cells differ by way and size, and
 * it has none of the article's); else `extended` when any cell has more workers than the
 * article's first figure shows.
 */
export const sweepOf = (r: Pick<MetaSource, 'cells' | 'config'>): Sweep => {
  if (r.config.tasks.length > 0 && r.config.tasks.every((t) => t === 'payload')) return 'payload';
  return r.cells.some((c) => c.workers > STANDARD_MAX_WORKERS) ? 'extended' : 'standard';
};

/** The little the page lists of a run. */
export function toMeta(file: string, r: MetaSource): RunMeta {
  return {
    id: r.id,
    file,
    machine: machineOf(r),
    runtime: r.env.runtime,
    runtimeVersion: r.env.runtimeVersion,
    createdAt: r.createdAt,
    preset: r.config.preset,
    sweep: sweepOf(r),
    tasks: [...r.config.tasks],
    ...(r.batch ? { batch: r.batch } : {}),
  };
}
