import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkerMemory } from '../format/types.ts';

/**
 * The unique set size of a process (bytes): the memory that would be freed if it exited. Undefined
 * where /proc/<pid>/smaps_rollup cannot be read (not Linux, no permission, the process is gone).
 * `procRoot` is for tests.
 */
export function processUss(pid: number, procRoot = '/proc'): number | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(procRoot, String(pid), 'smaps_rollup'), 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
  const uss = (kb('Private_Clean') + kb('Private_Dirty')) * 1024;
  return Number.isFinite(uss) ? uss : undefined;
}

/**
 * Memory per worker of a started pool, the same quantity for both kinds: for processes the median
 * USS of the workers (their RSS as reported where /proc is missing), for threads the hub's RSS
 * growth since before the pool started, divided by the workers. `procRoot` is for tests.
 */
export function poolMemory(
  mode: 'threads' | 'processes',
  workers: { pid?: number | undefined; reportedRss: number }[],
  rssBefore: number,
  rssAfter: number,
  median: (xs: number[]) => number,
  procRoot = '/proc',
): WorkerMemory {
  if (mode === 'threads') {
    return { bytesPerWorker: Math.round(Math.max(0, (rssAfter - rssBefore) / workers.length)), method: 'rss-growth' };
  }
  const uss = workers.map((w) => (w.pid === undefined ? undefined : processUss(w.pid, procRoot)));
  if (uss.every((x): x is number => x !== undefined)) return { bytesPerWorker: Math.round(median(uss)), method: 'uss' };
  return { bytesPerWorker: Math.round(median(workers.map((w) => w.reportedRss))), method: 'rss' };
}
