import { readFileSync } from 'node:fs';
import path from 'node:path';

/** CPU time counters, in clock ticks: the whole machine's, and this process's with its reaped children. */
export interface CpuCounters {
  machineBusy: number;
  machineTotal: number;
  own: number;
}

/**
 * Read the counters from /proc (Linux): /proc/stat's first line for the machine, /proc/self/stat's
 * utime, stime, cutime, cstime for this process (all its threads) and the workers it has reaped.
 * Undefined where /proc is not there (macOS, Windows, some containers): the run then records no
 * `otherCpuShare`, and the warnings fall back to the load average. `procRoot` is for tests.
 */
export function readCpuCounters(procRoot = '/proc'): CpuCounters | undefined {
  try {
    const cpu =
      readFileSync(path.join(procRoot, 'stat'), 'utf8').split('\n', 1)[0]?.trim().split(/\s+/).slice(1).map(Number) ??
      [];
    // user nice system idle iowait irq softirq steal (guest time is already inside user)
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
    const self = readFileSync(path.join(procRoot, 'self', 'stat'), 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const f = self
      .slice(self.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const own = (f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0);
    const busy = user + nice + system + irq + softirq + steal;
    return { machineBusy: busy, machineTotal: busy + idle + iowait, own };
  } catch {
    return undefined;
  }
}

/**
 * The share of the machine's CPU capacity used by anything other than this process and its
 * workers between two readings: 0 on a quiet machine, 0.5 when other work kept one of two cores
 * busy. Unlike the load average it does not count the benchmark's own work, nor a run just before.
 */
export function otherCpuShare(a: CpuCounters, b: CpuCounters): number {
  const total = b.machineTotal - a.machineTotal;
  if (total <= 0) return 0;
  const others = b.machineBusy - a.machineBusy - (b.own - a.own);
  return Math.min(1, Math.max(0, others / total));
}
