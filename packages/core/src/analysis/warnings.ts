import type { Env } from '../format/types.ts';
import { coresOf } from './summarize.ts';

/** Other processes' share of the CPU above which the figures are called into question. */
export const BUSY_SHARE = 0.1;

/** What a reader of the numbers should know about the conditions they were taken in. */
export function environmentWarnings(env: Env): string[] {
  const w: string[] = [];
  const cores = coresOf(env);
  if (env.otherCpuShare !== undefined) {
    // Measured: other processes' CPU time during the sweep, the benchmark's own excluded.
    if (env.otherCpuShare > BUSY_SHARE) {
      w.push(
        `machine was busy: other processes used ${(env.otherCpuShare * 100).toFixed(0)}% of its CPU during the sweep`,
      );
    }
  } else {
    // Only the load average to go on: it also counts this run's own work (at the end) and any
    // run just before it (at the start).
    const start = env.loadavgStart[0];
    const end = env.loadavgEnd[0];
    if (start !== undefined && start > cores)
      w.push(`machine was busy at start: load ${start.toFixed(2)} > ${cores} cores`);
    if (end !== undefined && end > cores) {
      w.push(
        `machine was busy at end: load ${end.toFixed(2)} > ${cores} cores (this includes the sweep's own workers)`,
      );
    }
  }
  if (env.vars.NODE_EXTRA_CA_CERTS !== undefined && env.runtime === 'node') {
    w.push(
      'NODE_EXTRA_CA_CERTS is set: every Node process reads it at start, which slows process workers (measured here: ~60 ms each); --worker-env clean starts them without it',
    );
  }
  if (env.vars.NODE_OPTIONS !== undefined)
    w.push(`NODE_OPTIONS is set ('${env.vars.NODE_OPTIONS}'): process workers inherit it`);
  if (env.vars.UV_THREADPOOL_SIZE !== undefined) w.push(`UV_THREADPOOL_SIZE is set to ${env.vars.UV_THREADPOOL_SIZE}`);
  return w;
}
