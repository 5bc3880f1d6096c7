import type { TaskKind } from '@tvp/core';
import { runtimeName, TASK_KINDS } from '@tvp/core/analysis';
import type { IndexPayload } from '../payload.ts';
import { h } from './dom.ts';
import { machinesOf, runtimesOf, type Selection } from './state.ts';

/** The header's choices: machine, runtimes and task. `changed` re-renders the page. */
export function controls(p: IndexPayload, sel: Selection, changed: () => void): HTMLElement {
  const machine = h(
    'select',
    {
      id: 'machine',
      onchange: (e) => {
        sel.machine = (e.target as HTMLSelectElement).value;
        changed();
      },
    },
    h('option', { value: 'all', selected: sel.machine === 'all' }, 'all machines'),
    machinesOf(p).map((m) => h('option', { value: m, selected: sel.machine === m }, m)),
  );
  const runtimes = runtimesOf(p.runs).map((r) =>
    h(
      'label',
      {},
      h('input', {
        type: 'checkbox',
        name: 'runtime',
        value: r,
        checked: sel.runtimes.has(r),
        onchange: (e) => {
          if ((e.target as HTMLInputElement).checked) sel.runtimes.add(r);
          else sel.runtimes.delete(r);
          changed();
        },
      }),
      ` ${runtimeName(r)} `,
    ),
  );
  // Only the kinds some run measured (all of them when no run says: an index from before `tasks`).
  const ran = new Set(p.runs.flatMap((r) => r.tasks ?? TASK_KINDS));
  const tasks: (TaskKind | 'all')[] = ['all', ...TASK_KINDS.filter((t) => ran.has(t) || sel.task === t)];
  const task = h(
    'select',
    {
      id: 'task',
      onchange: (e) => {
        sel.task = (e.target as HTMLSelectElement).value as TaskKind | 'all';
        changed();
      },
    },
    tasks.map((t) => h('option', { value: t, selected: sel.task === t }, t === 'all' ? 'all tasks' : t)),
  );
  return h(
    'span',
    { class: 'controls' },
    h('label', {}, 'machine', machine),
    ' ',
    h('span', {}, 'runtime: ', runtimes),
    ' ',
    h('label', {}, 'task', task),
  );
}
