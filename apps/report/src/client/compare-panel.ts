import { compareRuns, comparisonFooter, comparisonRows, type RunComparison, runtimeName } from '@tvp/core/analysis';
import type { IndexPayload, RunMeta, RunView } from '../payload.ts';
import { h } from './dom.ts';
import { exportLinks } from './export-links.ts';
import { numbersTable } from './table.ts';
import { wholeRun } from './warm-panels.ts';

/** Loads run views by id (the page's Source.runs). */
export type LoadRuns = (ids: string[]) => Promise<Map<string, RunView>>;

const runText = (r: RunMeta, i: number) =>
  `${runtimeName(r.runtime)} ${r.runtimeVersion} · ${new Date(r.createdAt).toLocaleString()} · ${r.preset} · ${r.id.slice(0, 8)}${i === 0 ? ' (latest)' : ''}`;

/** The default pair: the newest run as B, and the run before it of the same runtime and sweep (else the next newest) as A. */
function defaults(runs: RunMeta[]): [RunMeta, RunMeta] {
  const b = runs[0]!;
  const a = runs.find((r) => r !== b && r.runtime === b.runtime && r.sweep === b.sweep) ?? runs[1] ?? b;
  return [a, b];
}

/** The outcome first, then the refusals and unmatched cells, then the table: core's words, as `pnpm compare` prints them. */
function comparisonView(c: RunComparison): HTMLElement[] {
  const [head, ...rows] = comparisonRows(c);
  const footer = comparisonFooter(c);
  const notes = [
    ...footer.slice(0, -1),
    ...(c.changes.length === 0 && c.refused.length === 0 ? ['the runs have no task in common'] : []),
  ];
  const bad = c.changes.filter((x) => x.regression).length;
  const outcome = c.changes.length === 0 ? 'nothing could be compared' : footer[footer.length - 1]!;
  return [
    h('p', { class: 'outcome', 'data-regressions': bad, 'data-compared': c.changes.length }, outcome),
    h(
      'ul',
      { class: 'refusals' },
      notes.map((n) => h('li', { class: 'refused' }, n)),
    ),
    rows.length > 0
      ? numbersTable(
          'change = median total of B / median total of A; interval: 95% exact bootstrap of that ratio (what pnpm compare prints)',
          head!,
          rows,
          undefined,
          true,
        )
      : h('span'),
  ];
}

/**
 * Run A against run B of one machine, chosen from its runs: core's compareRuns (the same as
 * `pnpm compare -- A B`), cell by cell with the change, its interval and a verdict, or the reasons
 * the runs cannot be compared. Closed at first: the comparison loads and computes when opened, so
 * a page of many machines pays nothing for it until asked.
 */
export function comparePanel(p: IndexPayload, machine: string, load: LoadRuns): HTMLElement | null {
  const runs = p.runs.filter((r) => r.machine === machine);
  if (runs.length === 0) return null;
  const picked = defaults(runs);
  const out = h('div', { class: 'comparison' });
  let shown = 0;
  async function show(): Promise<void> {
    const mine = ++shown;
    const [a, b] = picked;
    out.replaceChildren(h('p', { class: 'muted' }, 'comparing...'));
    const views = await load([a.id, b.id]);
    if (mine !== shown) return; // another pair was chosen meanwhile
    const va = views.get(a.id);
    const vb = views.get(b.id);
    if (!va || !vb) {
      out.replaceChildren(h('p', { class: 'refused' }, 'One of the runs could not be loaded.'));
      return;
    }
    out.replaceChildren(
      h('p', { class: 'muted' }, 'A', exportLinks(a.id), h('br'), 'B', exportLinks(b.id)),
      // The whole runs, warm cells too: core pairs cold with cold and warm with warm.
      ...comparisonView(compareRuns(wholeRun(va), wholeRun(vb))),
    );
    out.dataset.a = a.id;
    out.dataset.b = b.id;
  }
  const select = (side: 0 | 1) =>
    h(
      'select',
      {
        class: `compare-${side === 0 ? 'a' : 'b'}`,
        onchange: (e) => {
          picked[side] = runs.find((r) => r.id === (e.target as HTMLSelectElement).value)!;
          void show();
        },
      },
      runs.map((r, i) => h('option', { value: r.id, selected: r === picked[side] }, runText(r, i))),
    );
  // The run lists too are built on first opening: a machine with a thousand runs would otherwise
  // put two thousand options in the page at every redraw.
  const body = h('div', {});
  return h(
    'details',
    {
      class: 'compare',
      'data-machine': machine,
      ontoggle: (e) => {
        if (!(e.target as HTMLDetailsElement).open || shown > 0) return;
        body.replaceChildren(
          h('div', { class: 'runs' }, h('label', {}, 'run A ', select(0)), h('label', {}, 'run B ', select(1))),
          out,
        );
        void show();
      },
    },
    h('summary', {}, h('h3', {}, 'Compare two runs (what pnpm compare prints)')),
    body,
  );
}
