import type { Impl, Mode, TaskBound, TaskKind } from '../format/types.ts';
import { boundOf } from './stats.ts';

// The rules and the wording of a recommendation, kept together so that they change together.

/** The knee: the smallest worker count whose throughput reaches this share of the series' best. */
export const KNEE_SHARE = 0.9;

/**
 * Two options are told apart only when neither's median total lies inside the other's min-max
 * range: with 5 samples a cell, a median inside the other's range is a difference the runs did not
 * show consistently.
 */
export function undecided(
  a: { median: number; min: number; max: number },
  b: { median: number; min: number; max: number },
): boolean {
  const inside = (x: number, r: { min: number; max: number }) => x >= r.min && x <= r.max;
  return inside(a.median, b) || inside(b.median, a);
}

/** What the sentence needs to know; recommend.ts fills it from the run. */
export interface Wording {
  task: TaskKind;
  /** What the sentence starts with: "IO", "FS (reads of a 4.0 MiB file)"; the task in capitals when absent. */
  subject?: string;
  /** Which ideal applies (a module's `bound`); the task's own when absent. */
  bound?: TaskBound;
  mode: Mode;
  impl: Impl;
  /** Name the impl too: the run measured more than one impl of this mode for this task. */
  showImpl: boolean;
  workers: number;
  cores: number;
  speedup?: number;
  /** The option that could not be told apart from this one, if any. */
  tie?: { mode: Mode; impl: Impl; showImpl: boolean };
  /** Workers past the knee: `none` when the knee is the largest count measured. */
  beyondKnee: { kind: 'none' } | { kind: 'nothing' } | { kind: 'little'; workers: number; gain: number };
  /** The cheapest worker start in the run, ms per worker, when the choice starts no worker. */
  spawnPerWorkerMs?: number;
  workerCellsMeasured: boolean;
  /** Why the main thread won and what offloading would take (`offloadText`): replaces the tail. */
  offload?: string;
  /** The ideal speedup at the knee (`idealSpeedup`), to say when the measured one is past what the cores allow. */
  idealSpeedup?: number;
}

/**
 * The event loop runs CPU work one call at a time: more in flight cannot make it faster, so a
 * speedup past this on cpu-bound work is noise (other load, warm-up), and the sentence says so.
 */
export const ASYNC_CPU_NOISE_SPEEDUP = 1.1;

/**
 * Workers on cpu-bound work cannot beat the cores: a speedup past the ideal by this factor says the
 * 1-worker runs were slowed (other load, warm-up), and the sentence says so. (Noise may beat the
 * ideal slightly, README says; 25% is not slightly.)
 */
export const OVER_IDEAL = 1.25;

/** A speedup the sentence must not present as parallelism: async on cpu-bound work, past the noise bound. */
export const asyncCpuNoise = (w: Pick<Wording, 'mode' | 'bound' | 'task' | 'speedup'>): boolean =>
  w.mode === 'async' && (w.bound ?? boundOf(w.task)) === 'cpu' && (w.speedup ?? 0) >= ASYNC_CPU_NOISE_SPEEDUP;

const MODE_NAMES: Record<Mode, string> = {
  threads: 'threads',
  processes: 'processes',
  async: 'the event loop (async)',
  sequential: 'one task at a time (sequential)',
};

const optionName = (mode: Mode, impl: Impl, showImpl: boolean) =>
  showImpl ? `${MODE_NAMES[mode]} (${impl})` : MODE_NAMES[mode];

/** A speedup's digits in a recommendation: 1.87, 12.4, 130. */
export const fixed = (x: number): string => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));

function countPhrase(w: Wording): string | undefined {
  if (w.mode === 'sequential') return undefined;
  if (w.mode === 'async') return `${w.workers} in flight`;
  const count = `${w.workers} ${w.workers === 1 ? 'worker' : 'workers'}`;
  // "= cores" only for cpu-bound work, where the cores are the reason; for waits it would be a coincidence.
  return (w.bound ?? boundOf(w.task)) === 'cpu' && w.workers === w.cores ? `${count} = cores` : count;
}

function tail(w: Wording): string | undefined {
  if (w.mode === 'async' || w.mode === 'sequential') {
    if (w.offload !== undefined) return w.offload;
    if (!w.workerCellsMeasured) return 'no workers were measured';
    if (w.spawnPerWorkerMs !== undefined) return `workers pay ${ms(w.spawnPerWorkerMs)} ms each to start`;
    return undefined;
  }
  if (w.beyondKnee.kind === 'none') return 'the most measured: more may help';
  // A gain that rounds to 0% is nothing worth a worker.
  if (w.beyondKnee.kind === 'nothing' || w.beyondKnee.gain < 0.005) return 'more buys nothing';
  return `${w.beyondKnee.workers} workers gain only ${(w.beyondKnee.gain * 100).toFixed(0)}% more`;
}

/** Workers on cpu-bound work past what the cores allow, by more than noise. */
const overIdeal = (w: Pick<Wording, 'mode' | 'bound' | 'task' | 'speedup' | 'idealSpeedup'>): boolean =>
  (w.mode === 'threads' || w.mode === 'processes') &&
  (w.bound ?? boundOf(w.task)) === 'cpu' &&
  w.speedup !== undefined &&
  w.idealSpeedup !== undefined &&
  w.speedup > w.idealSpeedup * OVER_IDEAL;

/**
 * Why a recommendation's speedup is not parallelism: `async-cpu-noise` (the event loop "sped up"
 * CPU work), `over-ideal` (workers past what the cores allow); undefined when it may be read as one.
 */
export type SpeedupCaveat = 'async-cpu-noise' | 'over-ideal';

/** The one rule both the sentence and the recommendation's `caveat` field follow. */
export function speedupCaveat(
  w: Pick<Wording, 'mode' | 'bound' | 'task' | 'speedup' | 'idealSpeedup'>,
): SpeedupCaveat | undefined {
  if (asyncCpuNoise(w)) return 'async-cpu-noise';
  if (overIdeal(w)) return 'over-ideal';
  return undefined;
}

/** One sentence: "CPU: threads, 2 workers = cores, 1.97x; more buys nothing". */
export function sentence(w: Wording): string {
  const name = optionName(w.mode, w.impl, w.showImpl);
  const choice = w.tie ? `${name} or ${optionName(w.tie.mode, w.tie.impl, w.tie.showImpl)}: no difference shown` : name;
  const x =
    w.speedup === undefined
      ? undefined
      : speedupCaveat(w) === 'async-cpu-noise'
        ? `${fixed(w.speedup)}x, which one thread cannot do for CPU work: noise (other load, warm-up), not parallelism`
        : speedupCaveat(w) === 'over-ideal'
          ? `${fixed(w.speedup)}x, past the ${fixed(w.idealSpeedup as number)}x ${w.cores} cores allow: the 1-worker runs were slowed (other load, warm-up)`
          : `${fixed(w.speedup)}x`;
  const facts = [countPhrase(w), x].filter((x): x is string => x !== undefined);
  const head = `${w.subject ?? w.task.toUpperCase()}: ${choice}`;
  const body = facts.length === 0 ? head : `${head}${w.tie ? '; ' : ', '}${facts.join(', ')}`;
  const end = tail(w);
  return end === undefined ? body : `${body}; ${end}`;
}
