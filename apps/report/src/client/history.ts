import { TASK_KINDS } from '@tvp/core/analysis';
import type { HistoryCell, HistoryPayload } from '../payload.ts';
import type { ChartBook } from './chart.ts';
import { h } from './dom.ts';
import { cellLabel, historyFigure } from './history-chart.ts';

type Task = 'io' | 'cpu' | 'noop';

/** What a reader chose for one machine's history: kept across re-renders of the page. */
interface HistoryChoice {
  task: Task;
  /** A cell as `mode|impl|workers`, or '' for the default cells. */
  cell: string;
}

const choices = new Map<string, HistoryChoice>();

const cellValue = (c: HistoryCell) => `${c.mode}|${c.impl}|${c.workers}`;

function historyUrl(machine: string, runtime: string, choice: HistoryChoice): string {
  const q = new URLSearchParams({ machine, runtime, task: choice.task });
  if (choice.cell) {
    const [mode, impl, workers] = choice.cell.split('|');
    q.set('mode', mode!);
    q.set('impl', impl!);
    q.set('workers', workers!);
  }
  return `/api/history?${q}`;
}

// Histories by URL, like the runs the page loads: asked once per page load (the index is too).
const fetched = new Map<string, Promise<HistoryPayload>>();

function fetchHistory(url: string): Promise<HistoryPayload> {
  let got = fetched.get(url);
  if (!got) {
    got = fetch(url, { cache: 'no-store' }).then(async (res) => {
      if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
      return (await res.json()) as HistoryPayload;
    });
    got.catch(() => fetched.delete(url)); // a failed one is asked again on the next render
    fetched.set(url, got);
  }
  return got;
}

/**
 * Ask for one machine's histories now, before its section is built: when they have come by then,
 * their charts are drawn in the same task as the section's others, with one layout.
 */
export function prefetchHistory(machine: string, runtimes: string[]): void {
  if (document.getElementById('tvp-data')?.textContent) return;
  const choice = choices.get(machine) ?? { task: 'io', cell: '' };
  for (const rt of runtimes) void fetchHistory(historyUrl(machine, rt, choice)).catch(() => undefined);
}

/** Fill `box` with one chart per runtime; `book` learns when each has drawn (or failed to). */
function fill(box: HTMLElement, controls: HTMLElement, machine: string, runtimes: string[], book: ChartBook): void {
  const choice = choices.get(machine)!;
  const slots = runtimes.map((rt) => {
    const slot = h('div', { class: 'history-slot', 'data-runtime': rt });
    let done: () => void = () => undefined;
    book.drawn.push(new Promise<void>((resolve) => (done = resolve)));
    fetchHistory(historyUrl(machine, rt, choice))
      .then((p) => {
        if (p.runs.length === 0 || p.series.length === 0) {
          slot.replaceChildren(h('p', { class: 'muted' }, `${rt}: no ${choice.task} runs on this machine.`));
          done();
          return;
        }
        cellOptions(controls, p.cells, choice);
        slot.replaceChildren(historyFigure(`${rt} ${choice.task}: median total over time`, p, book, done));
      })
      .catch((err: Error) => {
        slot.replaceChildren(h('p', { class: 'muted' }, `history of ${rt}: ${err.message}`));
        done();
      });
    return slot;
  });
  box.replaceChildren(...slots);
}

/** Offer the cells a response listed, keeping the current choice. */
function cellOptions(controls: HTMLElement, cells: HistoryCell[], choice: HistoryChoice): void {
  const select = controls.querySelector<HTMLSelectElement>('select.history-cell')!;
  const known = new Set([...select.options].map((o) => o.value));
  for (const c of cells) {
    const v = cellValue(c);
    if (!known.has(v)) select.append(h('option', { value: v, selected: v === choice.cell }, cellLabel(c)));
  }
}

/**
 * One machine's history: per runtime, the median total of the chosen cells over time (default:
 * per mode the 8-worker or largest cell), from `GET /api/history`. An exported page has no server
 * to ask, so it says so instead.
 */
export function historyBlock(machine: string, runtimes: string[], book: ChartBook): HTMLElement {
  if (document.getElementById('tvp-data')?.textContent)
    return h('p', { class: 'muted history' }, 'History over time is drawn by the report server, not in an export.');
  const choice = choices.get(machine) ?? { task: 'io', cell: '' };
  choices.set(machine, choice);
  const box = h('div', { class: 'grid' });
  // A change here redraws this block alone; its charts of before are destroyed first.
  let local: ChartBook | undefined;
  const redraw = () => {
    for (const c of local?.charts ?? []) c.destroy();
    local = { charts: [], drawn: [] };
    fill(box, controls, machine, runtimes, local);
  };
  const controls = h(
    'div',
    { class: 'runs' },
    h(
      'label',
      {},
      'task ',
      h(
        'select',
        {
          class: 'history-task',
          onchange: (e) => {
            choice.task = (e.target as HTMLSelectElement).value as Task;
            choice.cell = '';
            controls.querySelector<HTMLSelectElement>('select.history-cell')!.replaceChildren(defaultOption());
            redraw();
          },
        },
        TASK_KINDS.map((t) => h('option', { value: t, selected: t === choice.task }, t)),
      ),
    ),
    h(
      'label',
      {},
      'cell ',
      h(
        'select',
        {
          class: 'history-cell',
          onchange: (e) => {
            choice.cell = (e.target as HTMLSelectElement).value;
            redraw();
          },
        },
        defaultOption(),
      ),
    ),
  );
  fill(box, controls, machine, runtimes, book);
  return h(
    'section',
    { class: 'history', 'data-machine': machine },
    h('h3', {}, 'History: median total over time'),
    controls,
    box,
  );
}

const defaultOption = () => h('option', { value: '' }, '8 workers (or the most) of each mode');
