import type { TaskKind, TaskParams } from '../format/types.ts';
import { checksumBytes, payloadAnswer } from './payload.ts';
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

const unsent = (kind: TaskKind, field: string): never => {
  throw new Error(`a ${kind} task needs ${field}, which its message did not carry`);
};

/**
 * Run one task. Synchronous kinds return at once (no promise, no extra turn of the event loop),
 * so `noop` measures dispatch alone. `target` holds what the real-IO and module tasks use (see
 * `prepareTarget`); `arg` is a module task's argument. fs and net answer their id plus the bytes
 * they got, so that a short read fails the check.
 */
export function runTask(
  kind: TaskKind,
  params: Partial<Pick<TaskParams, 'ioMs' | 'cpuIters'>>,
  seed: number,
  target: TaskTarget = {},
  arg?: unknown,
): unknown {
  switch (kind) {
    case 'noop':
      return seed;
    case 'cpu':
      return cpuWork(params.cpuIters ?? unsent(kind, 'cpuIters'), seed);
    case 'io':
      return sleep(params.ioMs ?? unsent(kind, 'ioMs')).then(() => seed);
    case 'fs':
      return (target.readFsFile ?? missing(kind, 'a file to read'))().then((bytes) => seed + bytes);
    case 'net':
      return (target.askServer ?? missing(kind, 'a server to ask'))().then((bytes) => seed + bytes);
    case 'module':
      return (target.fn ?? missing(kind, 'a task module'))(arg);
    case 'payload':
      // On the main thread the payload's bytes are the argument: the work alone, nothing moved.
      if (!(arg instanceof Uint8Array)) return missing(kind, 'its payload bytes');
      return payloadAnswer(checksumBytes(arg), seed);
  }
}

/** Main-thread work longer than this between two turns of the event loop would delay a signal. */
export const YIELD_EVERY_MS = 50;

/** One turn of the event loop, so that signal handlers and timers run (Node, Bun and Deno have it). */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
