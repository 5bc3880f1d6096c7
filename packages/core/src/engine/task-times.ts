import { percentiles } from '../analysis/percentiles.ts';
import type { TaskClockMethod, TaskTimes } from '../format/types.ts';

/**
 * Per-task stamps of one hub run, ms on the shared clock (`sharedNow`), filled in the timed region
 * by plain stores into preallocated arrays; every subtraction and sort happens after, in
 * `taskTimesOf`. NaN marks what the method cannot know.
 */
export class TaskStamps {
  /** When the tasks entered the hub's queue: all at once, as the work began. */
  submittedAt = Number.NaN;
  // Plain arrays, not Float64Arrays: on Deno (2.9.6) each typed array's buffer costs about 1 us to
  // make and more to collect, against 0.1 us on Node, and a warm pool's batch of one task made three,
  // a fifth of a child_process round trip. Filled with NaN, they hold unboxed doubles all the same.
  readonly started: number[];
  readonly done: number[];
  readonly received: number[];

  constructor(
    readonly count: number,
    readonly method: TaskClockMethod,
  ) {
    this.started = new Array<number>(count).fill(Number.NaN);
    this.done = new Array<number>(count).fill(Number.NaN);
    this.received = new Array<number>(count).fill(Number.NaN);
  }
}

/** One time per task of every run, `f(run, task)`; undefined when any is unknown. */
function each(runs: readonly TaskStamps[], f: (r: TaskStamps, i: number) => number): Float64Array | undefined {
  const out = new Float64Array(runs.reduce((n, r) => n + r.count, 0));
  let k = 0;
  for (const r of runs) {
    for (let i = 0; i < r.count; i++) {
      const v = f(r, i);
      if (Number.isNaN(v)) return undefined;
      out[k++] = v;
    }
  }
  return out;
}

/**
 * A cell's per-task times from the stamps of its measured runs (all of one method): percentiles
 * of response (submitted to received), and of queue wait, run and return where the method knows
 * when each task started and ended. Undefined without runs.
 */
export function taskTimesOf(runs: readonly TaskStamps[]): TaskTimes | undefined {
  const first = runs[0];
  if (first === undefined || runs.some((r) => r.method !== first.method)) return undefined;
  const response = each(runs, (r, i) => (r.received[i] as number) - r.submittedAt);
  if (response === undefined || response.length === 0) return undefined;
  const queue = each(runs, (r, i) => (r.started[i] as number) - r.submittedAt);
  const run = each(runs, (r, i) => (r.done[i] as number) - (r.started[i] as number));
  // On the main thread the answer is at hand where it is made: nothing is returned.
  const ret =
    first.method === 'main-thread'
      ? undefined
      : each(runs, (r, i) => (r.received[i] as number) - (r.done[i] as number));
  return {
    method: first.method,
    tasks: response.length,
    responseMs: percentiles(response),
    ...(queue ? { queueMs: percentiles(queue) } : {}),
    ...(run ? { runMs: percentiles(run) } : {}),
    ...(ret ? { returnMs: percentiles(ret) } : {}),
  };
}
