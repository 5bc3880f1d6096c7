import type { ResultFile, TaskKind } from '../format/types.ts';

/** Whether two runs may be compared cell by cell, and if not, every reason in words. */
export type Comparability = { ok: true } | { ok: false; reasons: string[] };

/** A parameter that sets how much work one task kind does. */
type WorkParam = 'count' | 'ioMs' | 'cpuIters';

/**
 * What "the same work" means per task kind: the parameters that set it. A task module's source
 * hash (DESIGN.md, coming) joins its kind's list here, and nowhere else.
 */
export const WORK_PARAMS: Record<TaskKind, readonly WorkParam[]> = {
  io: ['count', 'ioMs'],
  cpu: ['count', 'cpuIters'],
  noop: ['count'],
};

const num = (x: number) => x.toLocaleString('en-US');

/** The tasks both runs measured, in the order of `a`. */
const sharedTasks = (a: ResultFile, b: ResultFile): TaskKind[] =>
  a.config.tasks.filter((t) => b.config.tasks.includes(t));

/**
 * DESIGN.md's comparability, decided here once: two runs may be compared ("A is x times faster
 * than B") only when they have the same machine label, the same work for the tasks compared
 * (`task`, else every task both ran), the same worker environment, and no injected fault. The
 * runtime may differ: that is what such a comparison is for. `names` say which run is which in a
 * reason that is about one of them ("fault injected in B"); values read "A's vs B's".
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
    if (a.config[p] !== b.config[p]) reasons.push(`${p} ${num(a.config[p])} vs ${num(b.config[p])}`);
  }
  if (a.config.workerEnv !== b.config.workerEnv)
    reasons.push(`worker env ${a.config.workerEnv} vs ${b.config.workerEnv}`);
  const faulty = [a, b].flatMap((r, i) => (r.config.fault === undefined ? [] : [`${names[i]} (${r.config.fault})`]));
  if (faulty.length > 0) reasons.push(`fault injected in ${faulty.join(' and ')}`);
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
