import type { TaskKind } from '@tvp/core';
import { taskTitle } from '@tvp/core/analysis';
import type { RunView } from '../payload.ts';

/**
 * A task's name in a heading: a module task by its module's name ("hash"), as the terminal says it,
 * or the names joined when the shown runs loaded different modules; any other kind as core names it.
 */
export function taskLabel(runs: readonly RunView[], task: TaskKind): string {
  const names = [...new Set(runs.flatMap((r) => r.result.config.taskModule?.name ?? []))];
  return names.length > 1 && task === 'module' ? names.join(', ') : taskTitle(task, names[0]);
}
