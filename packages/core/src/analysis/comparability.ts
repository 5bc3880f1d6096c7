import type { ResultFile, RunConfig, TaskKind } from '../format/types.ts';
import { clockOf } from './clock.ts';

/** Whether two runs may be compared cell by cell, and if not, every reason in words. */
export type Comparability = { ok: true } | { ok: false; reasons: string[] };

/** A parameter that sets how much work one task kind does. */
type WorkParam = 'count' | 'ioMs' | 'cpuIters' | 'fsBytes' | 'netDelayMs' | 'netBytes' | 'taskModule' | 'payloadBytes';

/**
 * What "the same work" means per task kind: the parameters that set it. A task module is the same
 * work only with the same source (SHA-256) and the same argument (its hash), whatever its path.
 */
export const WORK_PARAMS: Record<TaskKind, readonly WorkParam[]> = {
  io: ['count', 'ioMs'],
  cpu: ['count', 'cpuIters'],
  noop: ['count'],
  fs: ['count', 'fsBytes'],
  net: ['count', 'netDelayMs', 'netBytes'],
  module: ['count', 'taskModule'],
  // The sizes; each cell also names its own size and way, compared cell by cell.
  payload: ['count', 'payloadBytes'],
};

const num = (x: number | undefined) => (x === undefined ? 'none' : x.toLocaleString('en-US'));

/** A parameter as compared: a module by its source and argument, a number as itself. */
function workValue(c: RunConfig, p: WorkParam): string {
  if (p === 'payloadBytes') return c.payloadBytes?.join(',') ?? 'none';
  if (p !== 'taskModule') return num(c[p]);
  const m = c.taskModule;
  return m === undefined
    ? 'none'
    : `${m.name} sha256 ${m.sha256.slice(0, 12)} arg ${m.argHash?.slice(0, 12) ?? 'none'}`;
}

/** The tasks both runs measured, in the order of `a`. */
const sharedTasks = (a: ResultFile, b: ResultFile): TaskKind[] =>
  a.config.tasks.filter((t) => b.config.tasks.includes(t));

/**
 * DESIGN.md's comparability, decided here once: two runs may be compared ("A is x times faster
 * than B") only when they have the same machine label, the same work for the tasks compared
 * (`task`, else every task both ran), the same clock (absent: phases), the same worker
 * environment, and no injected fault. The runtime may differ: that is what such a comparison is
 * for. `names` say which run is which in a reason that is about one of them ("fault injected in
 * B"); values read "A's vs B's".
 */
export function comparable(
  a: ResultFile,
  b: ResultFile,
  task?: TaskKind,
  names: readonly [string, string] = ['A', 'B'],
): Comparability {
  const reasons: string[] = [];
  if (a.env.label !== b.env.label) reasons.push(`label ${a.env.label} vs ${b.env.label}`);
  const tasks = task === undefined ? sharedTasks(a, b) : [task];
  if (tasks.length === 0)
    reasons.push(`no task in common (${a.config.tasks.join(',')} vs ${b.config.tasks.join(',')})`);
  const params = [...new Set(tasks.flatMap((t) => WORK_PARAMS[t]))];
  for (const p of params) {
    const [va, vb] = [workValue(a.config, p), workValue(b.config, p)];
    if (p === 'taskModule') {
      // The name is a label: the same source and argument is the same work under any name.
      const [ma, mb] = [a.config.taskModule, b.config.taskModule];
      if (ma?.sha256 !== mb?.sha256 || ma?.argHash !== mb?.argHash) reasons.push(`task module ${va} vs ${vb}`);
    } else if (va !== vb) reasons.push(`${p} ${va} vs ${vb}`);
  }
  // The article clock overlaps starting and working: its totals are not the phases clock's.
  if (clockOf(a) !== clockOf(b)) reasons.push(`clock ${clockOf(a)} vs ${clockOf(b)}`);
  if (a.config.workerEnv !== b.config.workerEnv)
    reasons.push(`worker env ${a.config.workerEnv} vs ${b.config.workerEnv}`);
  const faulty = [a, b].flatMap((r, i) => (r.config.fault === undefined ? [] : [`${names[i]} (${r.config.fault})`]));
  if (faulty.length > 0) reasons.push(`fault injected in ${faulty.join(' and ')}`);
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
