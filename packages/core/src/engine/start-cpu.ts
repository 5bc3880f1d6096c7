import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkerHandle } from './transport.ts';

/**
 * A CPU clock for the start benchmark, ms: read when the pool starts (no handles yet) and once every
 * worker is ready; the difference is the CPU its start cost. CPU time moves less than wall time on
 * a shared machine, where a start's wall time is mostly waiting for a core.
 */
export type StartCpuClock = (handles: readonly WorkerHandle[]) => number;

/** This process's CPU time, every thread of it: what thread workers cost (and the hub's own part). */
export const processCpuMs: StartCpuClock = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/**
 * The CPU time of one process, every thread of it (/proc/<pid>/task/<tid>/schedstat, ns on a CPU),
 * ms; NaN where it cannot be read (not Linux, the process is gone). `procRoot` is for tests.
 */
export function processTreeCpuMs(pid: number, procRoot = '/proc'): number {
  try {
    const tasks = path.join(procRoot, String(pid), 'task');
    let ns = 0;
    for (const tid of readdirSync(tasks))
      ns += Number(readFileSync(path.join(tasks, tid, 'schedstat'), 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** The process workers' own CPU time, summed (NaN where any cannot be read): what process workers cost. */
export const workerProcessesCpuMs: StartCpuClock = (handles) =>
  handles.reduce((sum, h) => sum + (h.pid === undefined ? Number.NaN : processTreeCpuMs(h.pid)), 0);
