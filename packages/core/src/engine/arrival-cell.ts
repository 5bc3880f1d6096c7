import { HubError, RunAborted } from '../errors.ts';
import type { ArrivalConfig, ArrivalLoopDelay, Cell, RunConfig } from '../format/types.ts';
import type { ArrivalProbe } from './arrival-driver.ts';
import { type ArrivalRun, arrivalPointOf } from './arrival-point.ts';
import type { ArrivalOptions } from './arrival-runs.ts';
import { arrivalSchedule, arrivalSeed, arrivalWarmup } from './arrival-schedule.ts';

/** A guess of the arrival runs' cost for one cell, ms, for the ETA only: the schedule's length plus a spawn per run. */
export function arrivalCost(config: RunConfig, workers: number, spawnMs: number): number {
  const a = config.arrival;
  if (!a) return 0;
  const tasks = config.count + arrivalWarmup(a, workers);
  return config.repeat * a.rates.reduce((sum, rate) => sum + spawnMs + (tasks * 1000) / rate, 0);
}

/** An event-loop delay sampler for one rate's runs: started and stopped around each run's arrivals, then read. */
export interface DelayProbe extends ArrivalProbe {
  result(): ArrivalLoopDelay | undefined;
}

/**
 * A cell's arrival runs: for each rate, `repeat` runs of warm-up plus `count` arrivals (no
 * unmeasured runs: each run's warm-up arrivals play that part), pooled into `cell.arrivals`. A run
 * that fails marks the cell failed with the rate in its reason; an abort propagates.
 */
export async function runArrivalCell(
  cell: Cell,
  a: ArrivalConfig,
  count: number,
  repeat: number,
  run: (arrival: ArrivalOptions) => Promise<ArrivalRun>,
  /** A fresh sampler per rate, when the sweep has one: its reading becomes the point's `loopDelay`. */
  probeFor?: () => DelayProbe,
): Promise<void> {
  const warmup = arrivalWarmup(a, cell.workers);
  const points: NonNullable<Cell['arrivals']> = [];
  for (const [k, rate] of a.rates.entries()) {
    const runs: ArrivalRun[] = [];
    const probe = probeFor?.();
    for (let r = 0; r < repeat; r++) {
      try {
        const schedule = arrivalSchedule(a.kind, rate, warmup + count, arrivalSeed(a.seed, k, r));
        runs.push(await run({ schedule, warmup, probe }));
      } catch (err) {
        if (err instanceof RunAborted) throw err;
        cell.status = 'failed';
        cell.error = `at ${rate} tasks/s arriving: ${(err as Error).message}`;
        return;
      }
    }
    const point = arrivalPointOf(rate, runs, a.sustainShare);
    if (!point) throw new HubError(`at ${rate} tasks/s arriving: no measured task`);
    const d = probe?.result();
    if (d) point.loopDelay = { p50Ms: d.p50Ms, p99Ms: d.p99Ms, maxMs: d.maxMs, samples: d.samples };
    points.push(point);
  }
  cell.arrivals = points;
}
