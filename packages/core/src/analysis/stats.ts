import type { TaskBound, TaskKind } from '../format/types.ts';
import { type MedianInterval, medianInterval } from './median-interval.ts';

/** Summary statistics of one cell's raw samples. */
export interface Stats {
  n: number;
  mean: number;
  median: number;
  /** Sample standard deviation (n - 1 in the denominator); 0 for a single sample. */
  sd: number;
  min: number;
  max: number;
  /** 95% confidence interval of the mean, Student's t; [mean, mean] for a single sample. */
  ci95: [number, number];
  /**
   * Distribution-free interval of the median (order statistics), aiming at 95%, with the coverage it
   * has: [min, max] covers only 93.75% for 5 samples. Quote this one beside a median, not ci95.
   */
  medianCi: MedianInterval;
}

// Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom.
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t(0.975, df); past the table, the Cornish-Fisher expansion around 1.96 (error below 1e-3). */
export function tQuantile95(df: number): number {
  if (df < 1) return Number.NaN;
  const tabled = T95[df - 1];
  if (tabled !== undefined) return tabled;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** Median of a list (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Mean, median, standard deviation, extremes, the t interval of the mean and the interval of the median. */
export function describe(xs: readonly number[]): Stats {
  const n = xs.length;
  if (n === 0) throw new RangeError('describe() needs at least one sample');
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const half = n > 1 ? (tQuantile95(n - 1) * sd) / Math.sqrt(n) : 0;
  return {
    n,
    mean,
    median: median(xs),
    sd,
    min: Math.min(...xs),
    max: Math.max(...xs),
    ci95: [mean - half, mean + half],
    medianCi: medianInterval(xs),
  };
}

/**
 * Which ideal a task kind is held against: io, fs and net wait, cpu works, a module is what its
 * `bound` export says (`moduleBound`, cpu by default). `noop` has none.
 */
export function boundOf(task: TaskKind, moduleBound: TaskBound = 'cpu'): TaskBound | undefined {
  if (task === 'noop') return undefined;
  if (task === 'module') return moduleBound;
  return task === 'cpu' ? 'cpu' : 'io';
}

/**
 * The ideal speedup of N workers over 1 for `count` tasks (DESIGN.md): the schedule's bound with
 * zero overhead, a reference that noise can exceed slightly, not a ceiling. Waits (io, fs, net)
 * overlap without limit, cpu work is capped by the cores; a module follows its `bound`
 * (`moduleBound`, from the run's config). `noop` has no ideal: undefined.
 */
export function idealSpeedup(
  task: TaskKind,
  workers: number,
  count: number,
  cores: number,
  moduleBound?: TaskBound,
): number | undefined {
  const bound = boundOf(task, moduleBound);
  if (bound === undefined) return undefined;
  const lanes = bound === 'io' ? workers : Math.min(workers, cores);
  return count / Math.ceil(count / lanes);
}
