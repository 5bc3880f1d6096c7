import type { Impl, Mode, ResultFile, TaskBound, TaskKind } from '../format/types.ts';
import { hasPhases } from './clock.ts';
import { fitScalability, type ScalabilityFit, type ScalabilityPoint } from './fit.ts';
import type { ParallelismScale } from './fit-model.ts';
import { coldOnly } from './pools.ts';
import { boundOf, median } from './stats.ts';
import { coresOf } from './summarize.ts';

/** One series of a run, one task through one mode and impl, ready to fit. */
export interface RunSeries {
  task: TaskKind;
  mode: Mode;
  impl: Impl;
  /** The measured points, by workers: tasks per second from the median work time of each ok cell. */
  points: ScalabilityPoint[];
  scale: ParallelismScale;
}

/** Both laws fitted to one series of a run. */
export interface SeriesFit extends RunSeries {
  usl: ScalabilityFit;
  amdahl: ScalabilityFit;
}

/**
 * Whether a task's parallelism is capped at the cores before fitting. cpu is: the cap is known
 * exactly (the file records the cores), and it is a hard min() that USL's smooth denominator cannot
 * represent; left to be discovered, it would be smeared into sigma and kappa, with a false peak near
 * the cores, and blamed on the primitive. Capped, sigma and kappa describe what the primitive costs
 * beyond the hardware's bound, which is what tells threads from processes. The price: points past
 * the cores all sit at parallelism = cores, and a machine with fewer than 5 cores has too few
 * distinct parallelisms for cpu, so its cpu series are refused, with that reason.
 */
export const capsAtCores = (task: TaskKind, moduleBound?: TaskBound): boolean => boundOf(task, moduleBound) === 'cpu';

/** Throughput in tasks per second from a hub run's task count and its median work time. */
export const throughputPerSecond = (count: number, workMs: number): number => (count * 1000) / workMs;

/**
 * Every series (task x mode x impl) of a run with its points, from the median work time of each ok
 * cell, unfitted: for a caller that fits one law only. Sequential is skipped: it only runs at 1 worker.
 * Phases-clock runs only: the laws assume work time without start-up, which the article clock overlaps.
 */
export function runSeries(run: ResultFile): RunSeries[] {
  const r = coldOnly(run);
  if (!hasPhases(r)) return [];
  const groups = new Map<string, { task: TaskKind; mode: Mode; impl: Impl; points: ScalabilityPoint[] }>();
  for (const c of r.cells) {
    // Payload cells differ by way and size, not only by worker count: payload-costs.ts fits them.
    if (c.mode === 'sequential' || c.task === 'payload' || c.status !== 'ok' || c.samples.length === 0) continue;
    const key = `${c.task}\u0000${c.mode}\u0000${c.impl}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { task: c.task, mode: c.mode, impl: c.impl, points: [] };
      groups.set(key, g);
    }
    const workMs = median(c.samples.map((s) => s.workMs));
    g.points.push({ workers: c.workers, throughput: throughputPerSecond(r.config.count, workMs) });
  }
  const cores = coresOf(r.env);
  return [...groups.values()].map((g) => {
    const points = g.points.sort((a, b) => a.workers - b.workers);
    return {
      ...g,
      points,
      scale: { count: r.config.count, cores, capAtCores: capsAtCores(g.task, r.config.taskModule?.bound) },
    };
  });
}

/** USL and Amdahl fits for every series of a run (see runSeries). */
export function fitRun(r: ResultFile): SeriesFit[] {
  return runSeries(r).map((s) => ({
    ...s,
    usl: fitScalability('usl', s.points, s.scale),
    amdahl: fitScalability('amdahl', s.points, s.scale),
  }));
}
