import type { Cell, ResultFile, Sample } from '../format/types.ts';
import { comparable } from './comparability.ts';
import { coldOnly } from './pools.ts';
import { median } from './stats.ts';

/** Which cell of a run: task, mode, impl and worker count. */
export type CellKey = Pick<Cell, 'task' | 'mode' | 'impl' | 'workers'>;

/** One timed phase of a hub run. */
export type Phase = Exclude<keyof Sample, 'readyAtMs'>;

/** The runs a cross-run ratio rests on, per side, and what one unit of its samples is. */
export interface RunGroups {
  base: ResultFile[];
  other: ResultFile[];
  /**
   * `run`: each run's median of the cell is one unit, so the interval holds the between-run spread;
   * `sample`: one run per side, its samples are the units, and drift between runs is not measured.
   */
  unit: 'run' | 'sample';
}

/** The raw samples of one phase of a cell that ran ok; empty when the run lacks the cell. */
export function cellSamples(r: ResultFile, key: CellKey, phase: Phase): number[] {
  const c = coldOnly(r).cells.find(
    (x) =>
      x.task === key.task &&
      x.mode === key.mode &&
      x.impl === key.impl &&
      x.workers === key.workers &&
      x.status === 'ok',
  );
  return c ? c.samples.map((s) => s[phase]) : [];
}

/**
 * The rounds of `picked`'s batch among `pool` (same batch id, runtime and label, and comparable to
 * `picked`), by round; just [picked] when it was not part of a batch of several rounds.
 */
export function batchRuns(picked: ResultFile, pool: readonly ResultFile[]): ResultFile[] {
  const b = picked.batch;
  if (!b || b.rounds < 2) return [picked];
  const mates = pool.filter(
    (r) =>
      r.batch?.id === b.id && r.id !== picked.id && r.env.runtime === picked.env.runtime && comparable(picked, r).ok,
  );
  return [picked, ...mates].sort((x, y) => (x.batch?.round ?? 0) - (y.batch?.round ?? 0));
}

/**
 * The runs behind a comparison of two picked runs: when both belong to a batch with several rounds,
 * every comparable round of each (units: per-run medians); otherwise the two runs alone (units:
 * their samples). Mixing the two kinds of unit in one ratio would be meaningless, so both sides
 * change together.
 */
export function runGroups(base: ResultFile, other: ResultFile, pool: readonly ResultFile[]): RunGroups {
  const b = batchRuns(base, pool);
  const o = batchRuns(other, pool);
  if (b.length > 1 && o.length > 1) return { base: b, other: o, unit: 'run' };
  return { base: [base], other: [other], unit: 'sample' };
}

/** The values a ratio of a cell rests on: one run's samples, or each run's median of them. */
export function unitsOf(group: readonly ResultFile[], unit: RunGroups['unit'], key: CellKey, phase: Phase): number[] {
  if (unit === 'sample') return group[0] ? cellSamples(group[0], key, phase) : [];
  return group.flatMap((r) => {
    const xs = cellSamples(r, key, phase);
    return xs.length > 0 ? [median(xs)] : [];
  });
}
