import type { ChartBook } from './chart.ts';
import { comparePanel } from './compare-panel.ts';
import { controls } from './controls.ts';
import { openSource, type Source } from './data.ts';
import { h } from './dom.ts';
import { prefetchHistory } from './history.ts';
import { skippedPanel } from './panels.ts';
import { machineSection } from './section.ts';
import { initialSelection, machineRunIds, type Selection, shownMachines, shownRuntimes } from './state.ts';

let book: ChartBook = { charts: [], drawn: [] };
let generation = 0;

/**
 * Draw the whole page for the current choice, machine by machine: each as soon as its shown runs
 * have loaded. Says in #status and on <body data-drawn data-render-ms data-drawn-at> when all
 * charts have drawn.
 */
async function render(source: Source, sel: Selection): Promise<void> {
  const started = performance.now();
  const mine = ++generation;
  document.body.dataset.drawn = '';
  const p = source.index;
  const machines = shownMachines(p, sel);
  // Every machine's runs and histories are asked for now, in page order; each section is drawn as
  // soon as its own runs have come, so the first charts never wait for the last machine's.
  const loads = machines.map((m) => {
    const runs = source.runs(machineRunIds(p, sel, m));
    prefetchHistory(m, shownRuntimes(p, sel, m));
    return runs;
  });
  const first = await loads[0];
  if (mine !== generation) return; // a newer choice was made while loading
  for (const c of book.charts) c.destroy();
  const drawn: ChartBook = { charts: [], drawn: [] };
  book = drawn;
  const changed = () => void render(source, sel);
  document.getElementById('controls')!.replaceChildren(controls(p, sel, changed));
  const slots = machines.map(() => h('div', { class: 'machine-slot' }));
  document
    .getElementById('app')!
    .replaceChildren(skippedPanel(p.skipped) ?? '', p.runs.length === 0 ? emptyNote() : '', ...slots);
  for (const [i, m] of machines.entries()) {
    const views = i === 0 ? first! : await loads[i]!;
    if (mine !== generation) return;
    const section = machineSection(p, views, sel, m, drawn, changed);
    section.append(comparePanel(p, m, (ids) => source.runs(ids)) ?? '');
    slots[i]!.replaceWith(section);
    // The first machine is painted before the others are built (a task after the next frame: code
    // run in the frame's own callback would delay its paint); the others are laid out in one go (a
    // frame after each cost 1,000 runs over 4 machines ~400 ms more to the last chart).
    if (i === 0) await new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  }
  await Promise.all(drawn.drawn);
  if (mine !== generation) return;
  const ms = performance.now() - started;
  document.body.dataset.drawn = String(drawn.charts.length);
  document.body.dataset.renderMs = ms.toFixed(1);
  document.body.dataset.drawnAt = performance.now().toFixed(1);
  document.getElementById('status')!.textContent =
    `${p.runs.length} ${p.runs.length === 1 ? 'run' : 'runs'}, ${drawn.charts.length} ${drawn.charts.length === 1 ? 'chart' : 'charts'} drawn in ${ms.toFixed(0)} ms`;
}

/** The command that writes a first result, as the server was told it (`tvp report` says `npx tvp run ...`). */
const firstRun = (): string => (document.body.dataset.firstRun || 'pnpm bench -- --quick').replace(/`/g, '');

/**
 * What a page with no run says. The served page names the command that writes a first result where
 * its server reads. An exported file is read by people who may not have the repository, nor the
 * folder it was made from: it says that the folder held no run, and the installed tool's commands.
 */
function emptyNote(): HTMLElement {
  if (document.body.dataset.exported) {
    return h(
      'p',
      { class: 'empty' },
      'This report was exported from a results folder that held no readable run, so it has nothing to show. To make one, in a project with the tool installed (',
      h('code', {}, 'npm install -D threads-vs-processes'),
      '): ',
      h('code', {}, 'npx tvp run --quick'),
      ' writes a result file, then ',
      h('code', {}, 'npx tvp report --export report.html'),
      ' writes the report.',
    );
  }
  return h(
    'p',
    { class: 'empty' },
    'No result files yet. Run a benchmark (',
    h('code', {}, firstRun()),
    ') or upload one.',
  );
}

async function boot(): Promise<void> {
  try {
    const source = await openSource();
    await render(source, initialSelection(source.index));
  } catch (err) {
    document.getElementById('status')!.textContent = `could not load the results: ${(err as Error).message}`;
    throw err;
  }
}

void boot();
