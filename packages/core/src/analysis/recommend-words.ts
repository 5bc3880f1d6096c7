import type { Impl, Mode, TaskBound, TaskKind } from '../format/types.ts';
import { differenceShown, idealWords, speedupClaim } from './speedup-claim.ts';
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
  /** The ideal speedup at the knee (`idealSpeedup`), to say when the measured one is past it. */
  idealSpeedup?: number;
  /**
   * The speedup's 95% interval (`ratioInterval` of the totals at 1 and at the knee): without one,
   * or with one that includes 1, the sentence states no gain (`speedupClaim`).
   */
  speedupInterval?: { lo: number; hi: number; level: number };
  /** Runs at 1 worker and at the knee: said when they are too few for an interval. */
  speedupRuns?: [number, number];
  /** Tasks per hub run: what the ideal's words count (`idealWords`). */
  count?: number;
}

/**
 * The event loop runs CPU work one call at a time: more in flight cannot make it faster, so a
 * speedup past this on cpu-bound work is noise (other load, warm-up), and the sentence says so.
 */
export const ASYNC_CPU_NOISE_SPEEDUP = 1.1;

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

/** The sentence's last clause: what more workers buy, or why the main thread wins; undefined when none. */
export function sentenceTail(w: Wording): string | undefined {
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

/**
 * Why a recommendation's speedup may not be read as a gain: `async-cpu-noise` (the event loop
 * "sped up" CPU work, which one thread cannot do), `no-difference` (its interval includes 1, or
 * there are too few runs for one), `over-ideal` (its interval lies past the ideal: the 1-worker
 * runs were slowed); undefined when it may be stated as one, or when the knee is the 1-worker cell.
 */
export type SpeedupCaveat = 'async-cpu-noise' | 'no-difference' | 'over-ideal';

/** The one rule both the sentence and the recommendation's `caveat` field follow (`speedupClaim`). */
export function speedupCaveat(
  w: Pick<
    Wording,
    'mode' | 'bound' | 'task' | 'speedup' | 'idealSpeedup' | 'speedupInterval' | 'workers' | 'speedupRuns'
  >,
): SpeedupCaveat | undefined {
  // At 1 worker the knee is the baseline: its speedup is 1 by definition, not a claim.
  if (w.speedup === undefined || w.mode === 'sequential' || w.workers === 1) return undefined;
  const claim = speedupClaim({ speedup: w.speedup, interval: w.speedupInterval, ideal: w.idealSpeedup });
  // One thread runs CPU work one call at a time: a gain there, shown or not, is never parallelism.
  if (asyncCpuNoise(w) || (w.mode === 'async' && (w.bound ?? boundOf(w.task)) === 'cpu' && claim !== 'no-difference'))
    return 'async-cpu-noise';
  if (claim === 'no-difference') return 'no-difference';
  return claim === 'past-ideal' ? 'over-ideal' : undefined;
}

/** "1.16x (95% interval 0.88–1.22x)", or the runs that were too few for an interval. */
function speedupWithInterval(w: Wording): string {
  const x = `${fixed(w.speedup as number)}x`;
  const iv = w.speedupInterval;
  if (iv !== undefined) return `${x} (${Math.round(iv.level * 100)}% interval ${fixed(iv.lo)}–${fixed(iv.hi)}x)`;
  const runs = w.speedupRuns;
  return runs === undefined
    ? `${x} (too few runs for an interval)`
    : `${x} (n = ${runs[0]} and ${runs[1]}: too few runs for an interval)`;
}

/**
 * The head when no gain is shown, which it leads with: "no difference shown between threads at 2
 * workers and at 1: 1.05x (95% interval 0.91–1.20x)", naming the runner-up too on a tie.
 */
function noDifferenceHead(w: Wording, name: string, caveat: 'async-cpu-noise' | 'no-difference'): string {
  const at = w.mode === 'async' ? `${w.workers} in flight` : `${w.workers} ${w.workers === 1 ? 'worker' : 'workers'}`;
  const pair = w.tie ? `${name} and ${optionName(w.tie.mode, w.tie.impl, w.tie.showImpl)}` : undefined;
  const tie = pair ? `${pair}, nor between ` : '';
  const x = speedupWithInterval(w);
  // A difference the interval shows, on work one thread cannot overlap: real, but not a gain.
  if (caveat === 'async-cpu-noise' && differenceShown(w.speedupInterval)) {
    const both = pair ? `no difference shown between ${pair}; ` : '';
    return `${both}no gain from more in flight: ${name} read ${x} at ${at} against 1, but one thread cannot speed up CPU work: that is other load or warm-up`;
  }
  const why =
    caveat === 'async-cpu-noise' ? `${x} is noise (other load, warm-up): one thread cannot speed up CPU work` : x;
  return `no difference shown between ${tie}${name} at ${at} and at 1: ${why}`;
}

/** "speedup past the ideal: 8.20x (95% interval 8.05–8.31x) against 7.69x (100 waits, 8 at a time: ...)". */
function pastIdeal(w: Wording): string {
  const ideal = w.idealSpeedup as number;
  const bound = w.bound ?? boundOf(w.task) ?? 'cpu';
  const how = w.count === undefined ? '' : ` (${idealWords(bound, w.workers, w.count, w.cores)})`;
  return `speedup past the ideal: ${speedupWithInterval(w)} against ${fixed(ideal)}x${how}, so the ${w.mode === 'async' ? 'runs with 1 in flight' : '1-worker runs'} were slowed (other load, warm-up)`;
}

/**
 * One sentence: "CPU: threads, 2 workers = cores, 1.97x; more buys nothing". A speedup is stated as
 * a gain only when `speedupCaveat` allows it; otherwise the sentence leads with "no difference
 * shown between ..." (its interval includes 1, or the event loop on CPU work) or says the speedup
 * is past the ideal.
 */
export function sentence(w: Wording): string {
  const name = optionName(w.mode, w.impl, w.showImpl);
  const caveat = speedupCaveat(w);
  const subject = w.subject ?? w.task.toUpperCase();
  const end = sentenceTail(w);
  if (caveat === 'no-difference' || caveat === 'async-cpu-noise') {
    const head = `${subject}: ${noDifferenceHead(w, name, caveat)}`;
    return end === undefined ? head : `${head}; ${end}`;
  }
  const choice = w.tie ? `${name} or ${optionName(w.tie.mode, w.tie.impl, w.tie.showImpl)}: no difference shown` : name;
  // The knee at 1 worker is the baseline: a speedup of 1 by definition says nothing.
  const x =
    w.speedup === undefined || w.workers === 1
      ? undefined
      : caveat === 'over-ideal'
        ? pastIdeal(w)
        : `${fixed(w.speedup)}x`;
  const facts = [countPhrase(w), x].filter((x): x is string => x !== undefined);
  const head = `${subject}: ${choice}`;
  const body = facts.length === 0 ? head : `${head}${w.tie ? '; ' : ', '}${facts.join(', ')}`;
  return end === undefined ? body : `${body}; ${end}`;
}
