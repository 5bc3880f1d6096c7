// CPU time, not wall time: what this process and the workers it started spent, from Linux's
// per-thread scheduler statistics (/proc/<pid>/task/<tid>/schedstat, ns on a CPU). On a machine
// shared with other work a side's wall time is mostly how soon it got a CPU again, which a few µs
// more of its own work can make much longer; its CPU time is what its code costs. The workers are
// the child processes running this runtime's executable (the spinners of ../latency/awake.mjs are
// shells, and are left out); a thread worker is one of this process's threads.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const read = (f) => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
};

/** ns on a CPU of every thread of process `pid` so far. */
function threadsNs(pid) {
  let tids;
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  let n = 0;
  for (const t of tids) n += Number(read(`/proc/${pid}/task/${t}/schedstat`).split(' ')[0] || 0);
  return n;
}

const exe = (pid) => {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
};
let self;

/** ns on a CPU so far of this process and of its children running the same executable; NaN where Linux does not say. */
export function cpuTimeNs() {
  self ??= exe('self');
  if (self === undefined) return Number.NaN;
  let n = threadsNs('self');
  for (const t of readdirSync('/proc/self/task')) {
    for (const kid of read(`/proc/self/task/${t}/children`).split(' ')) {
      if (kid.trim() !== '' && exe(kid.trim()) === self) n += threadsNs(kid.trim());
    }
  }
  return n;
}
