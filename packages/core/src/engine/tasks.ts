import type { TaskKind, TaskParams } from '../format/types.ts';
import { type Answer, expectedValue } from './answers.ts';
import type { TaskTarget } from './task-target.ts';

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

const missing = (kind: TaskKind, what: string): never => {
  throw new Error(`a ${kind} task needs ${what}, which this worker was not given at start`);
};

/**
 * Run one task. Synchronous kinds return at once (no promise, no extra turn of the event loop),
 * so `noop` measures dispatch alone. `target` holds what the real-IO and module tasks use (see
 * `prepareTarget`); `arg` is a module task's argument. fs and net answer their id plus the bytes
 * they got, so that a short read fails the check.
 */
export function runTask(
  kind: TaskKind,
  params: TaskParams,
  seed: number,
  target: TaskTarget = {},
  arg?: unknown,
): unknown {
  switch (kind) {
    case 'noop':
      return seed;
    case 'cpu':
      return cpuWork(params.cpuIters, seed);
    case 'io':
      return sleep(params.ioMs).then(() => seed);
    case 'fs':
      return (target.readFsFile ?? missing(kind, 'a file to read'))().then((bytes) => seed + bytes);
    case 'net':
      return (target.askServer ?? missing(kind, 'a server to ask'))().then((bytes) => seed + bytes);
    case 'module':
      return (target.fn ?? missing(kind, 'a task module'))(arg);
  }
}

/** The answer task `id` of a run must give: a number for the built-in tasks, see answers.ts. */
export type Answers = (id: number) => Answer;

/** Main-thread work longer than this between two turns of the event loop would delay a signal. */
export const YIELD_EVERY_MS = 50;

/** One turn of the event loop, so that signal handlers and timers run (Node, Bun and Deno have it). */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Every answer a run of `count` tasks must give, computed once per sweep and off the clock: cpu
 * answers are worked out here (yielding to the event loop so that a signal still stops it, and
 * returning undefined when `signal` aborts); io and noop answer their own id, fs and net their id
 * plus the bytes read. A module's answer is its function's, worked out when it is loaded
 * (task-module.ts): pass it as `moduleAnswer`.
 */
export async function expectedAnswers(
  kind: TaskKind,
  params: TaskParams,
  count: number,
  signal?: AbortSignal,
  moduleAnswer: Answer = expectedValue(undefined, false),
): Promise<Answers | undefined> {
  if (kind === 'module') return () => moduleAnswer;
  if (kind === 'fs') return (id) => id + (params.fsBytes ?? 0);
  if (kind === 'net') return (id) => id + (params.netBytes ?? 0);
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
