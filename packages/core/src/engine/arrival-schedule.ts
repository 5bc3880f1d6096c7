import { seeded } from '../analysis/prng.ts';
import type { ArrivalConfig, ArrivalKind } from '../format/types.ts';

/**
 * When each of `n` tasks arrives, ms after the first: `fixed` exactly `1000 / rate` apart;
 * `poisson` with exponential gaps of mean `1000 / rate` drawn from mulberry32 seeded with `seed`,
 * so the same seed gives the same schedule on every runtime. The first task arrives at 0.
 */
export function arrivalSchedule(kind: ArrivalKind, rate: number, n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  const mean = 1000 / rate;
  if (kind === 'fixed') {
    for (let i = 0; i < n; i++) out[i] = i * mean;
    return out;
  }
  const u = seeded(seed);
  for (let i = 1; i < n; i++) out[i] = (out[i - 1] as number) - mean * Math.log(1 - u());
  return out;
}

/** The seed of run `run` at the rate of index `rateIndex`: distinct per run, the same for every cell. */
export const arrivalSeed = (seed: number, rateIndex: number, run: number): number =>
  (seed + Math.imul(rateIndex + 1, 0x9e3779b1) + Math.imul(run + 1, 0x85ebca6b)) >>> 0;

/** Warm-up arrivals of a run at `workers` workers (`ArrivalConfig.warmupMin`). */
export const arrivalWarmup = (a: ArrivalConfig, workers: number): number =>
  Math.max(a.warmupMin, a.warmupPerWorker * workers);
