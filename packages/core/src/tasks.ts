import type { TaskKind, TaskParams } from './types.ts';

/**
 * The CPU task: `iters` rounds of 32-bit integer mixing (multiply, xor, shift), the same
 * instructions on every engine. The result depends on every round, so no engine can skip work,
 * and `seed` makes each task's answer different so a mixed-up reply is caught.
 */
export function cpuWork(iters: number, seed: number): number {
  // `| 0`: an int32 from the start (0x811c9dc5 alone is a double above 2^31). The same value after
  // the first `^`, so the same answers; without it JavaScriptCore (Bun) mis-speculates the loop in
  // a fresh worker, and tasks 4 to 6 of each new worker ran up to 5x slower (V8 is unaffected).
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < iters; i++) {
    h = Math.imul(h ^ i, 0x01000193);
    h ^= h >>> 13;
  }
  return (h ^ seed) >>> 0;
}

/** What `cpuWork(iters, seed)` must return, given `cpuWork(iters, 0)` computed once. */
export function expectedCpu(base: number, seed: number): number {
  return (base ^ seed) >>> 0;
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

/** The answer a task must give; `cpuBase` is `cpuWork(cpuIters, 0)`. */
export function expectedAnswer(kind: TaskKind, seed: number, cpuBase: number): number {
  return kind === 'cpu' ? expectedCpu(cpuBase, seed) : seed;
}
