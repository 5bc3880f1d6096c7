import type { ResultsPayload } from '../payload.ts';
import type { ChartBook } from './chart.ts';
import { controls } from './controls.ts';
import { loadPayload } from './data.ts';
import { h } from './dom.ts';
import { skippedPanel } from './panels.ts';
import { machineSection } from './section.ts';
import { initialSelection, machinesOf, type Selection } from './state.ts';

let book: ChartBook = { charts: [], drawn: [] };

/** Draw the whole page for the current choice; says in #status (and data-*) when all charts drew. */
function render(p: ResultsPayload, sel: Selection): void {
  const started = performance.now();
  for (const c of book.charts) c.destroy();
  book = { charts: [], drawn: [] };
  const status = document.getElementById('status')!;
  const app = document.getElementById('app')!;
  document.body.dataset.drawn = '';
  const changed = () => render(p, sel);
  document.getElementById('controls')!.replaceChildren(controls(p, sel, changed));
  const machines = sel.machine === 'all' ? machinesOf(p) : [sel.machine];
  app.replaceChildren(
    skippedPanel(p.skipped) ?? '',
    p.runs.length === 0
      ? h('p', {}, 'No result files yet. Run a benchmark (pnpm bench -- --quick) or upload one.')
      : '',
    ...machines.map((m) => machineSection(p, sel, m, book, changed)),
  );
  const mine = book;
  void Promise.all(mine.drawn).then(() => {
    if (mine !== book) return; // a newer render replaced this one
    const ms = performance.now() - started;
    document.body.dataset.drawn = String(mine.charts.length);
    document.body.dataset.renderMs = ms.toFixed(1);
    document.body.dataset.drawnAt = performance.now().toFixed(1);
    status.textContent = `${p.runs.length} runs, ${mine.charts.length} charts drawn in ${ms.toFixed(0)} ms`;
  });
}

async function boot(): Promise<void> {
  const status = document.getElementById('status')!;
  try {
    const p = await loadPayload();
    render(p, initialSelection(p));
  } catch (err) {
    status.textContent = `could not load the results: ${(err as Error).message}`;
    throw err;
  }
}

void boot();
