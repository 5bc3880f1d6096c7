import type { TaskKind, TaskParams } from '../format/types.ts';

/**
 * The CPU task: `iters` rounds of 32-bit integer mixing (multiply, xor, shift), the same
 * instructions on every engine. The seed enters the state before the first round, so every round
 * depends on it: no answer can be derived from another task's, and no engine can skip work.
 */
export function cpuWork(iters: number, seed: number): number {
  // `| 0`: an int32 from the start. Without it JavaScriptCore (Bun) mis-speculates the loop in a
  // fresh worker, and tasks 4 to 6 of each new worker ran up to 5x slower (V8 is unaffected).
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) | 0;
  for (let i = 0; i < iters; i++) {
    h = Math.imul(h ^ i, 0x01000193);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

const sleep = (ms: number) => new Promise<number>((resolve) => setTimeout(resolve, ms, 0));

/**
 * Run one task. Synchronous kinds return a number at once (no promise, no extra turn of the
 * event loop), so `noop` measures dispatch alone.
 */
export function runTask(kind: TaskKind, params: TaskParams, seed: number): number | Promise<number> {
  switch (kind) {
    case 'noop':
      return seed;
    case 'cpu':
      return cpuWork(params.cpuIters, seed);
    case 'io':
      return sleep(params.ioMs).then(() => seed);
  }
}

/** The answer task `id` of a run must give. */
export type Answers = (id: number) => number;

/** Main-thread work longer than this between two turns of the event loop would delay a signal. */
export const YIELD_EVERY_MS = 50;

/** One turn of the event loop, so that signal handlers and timers run (Node, Bun and Deno have it). */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Every answer a run of `count` tasks must give, computed once per sweep and off the clock: cpu
 * answers are worked out here (yielding to the event loop so that a signal still stops it, and
 * returning undefined when `signal` aborts); io and noop answer their own id.
 */
export async function expectedAnswers(
  kind: TaskKind,
  params: TaskParams,
  count: number,
  signal?: AbortSignal,
): Promise<Answers | undefined> {
  if (kind !== 'cpu') return (id) => id;
  const answers = new Uint32Array(count);
  let lastYield = performance.now();
  for (let id = 0; id < count; id++) {
    answers[id] = cpuWork(params.cpuIters, id);
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToLoop();
      lastYield = performance.now();
      if (signal?.aborted) return undefined;
    }
  }
  return (id) => (id >= 0 && id < count ? (answers[id] as number) : Number.NaN);
}
