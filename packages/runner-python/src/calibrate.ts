import { cpuWork } from '@tvp/core';

/** Timed calls after one unmeasured call (the JIT compiles the loop on the first). */
const TIMED_CALLS = 5;

/**
 * One JavaScript cpu task of `iters` rounds in this process, ms: the fastest of a few calls, since
 * other work on the machine only ever adds time (the Python side times its loop the same way).
 */
export function jsTaskMs(iters: number): number {
  if (iters === 0) return 0;
  cpuWork(iters, 0);
  let best = Number.POSITIVE_INFINITY;
  for (let seed = 1; seed <= TIMED_CALLS; seed++) {
    const t0 = performance.now();
    cpuWork(iters, seed);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** What the file says about the rounds CPython ran: they were chosen by time, not given. */
export function calibrationWarning(o: {
  asked: number;
  rounds: number;
  jsMs: number;
  jsRuntime: string;
  nsPerRound: number;
}): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `cpu: CPython ran ${n(o.rounds)} rounds per task, calibrated to take as long as ${n(o.asked)} rounds of ` +
    `JavaScript (${o.jsMs.toFixed(2)} ms on ${o.jsRuntime} here; CPython ${o.nsPerRound.toFixed(0)} ns per round): ` +
    'the same loop and answers, not the same work; compare cpu with JavaScript only as speedup curves'
  );
}
