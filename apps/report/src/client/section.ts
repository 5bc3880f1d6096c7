import type { ResultFile, TaskKind } from '@tvp/core';
import {
  articleFindings,
  type LinePair,
  linesOf,
  pairRuntimes,
  runFindings,
  runtimeFindings,
  runtimeName,
  TASK_KINDS,
  workOf,
} from '@tvp/core/analysis';
import type { IndexPayload, RunView, Sweep } from '../payload.ts';
import { articleFigure } from './article-figure.ts';
import type { ChartBook } from './chart.ts';
import { h } from './dom.ts';
import { efficiencyFigure, phasesFigure, ratioFigure, speedupFigure, timeFigure } from './figures.ts';
import { fitFigure, taskFits } from './fit-figure.ts';
import { historyBlock } from './history.ts';
import { implsFigure } from './impls-figure.ts';
import { loadFigure } from './load-figure.ts';
import { pairTables } from './pair-tables.ts';
import { envPanel, findingsPanel, warningsPanel } from './panels.ts';
import { payloadFigure } from './payload-figure.ts';
import { recommendationsPanel } from './recommendations.ts';
import { colourGroups, partOf } from './series-groups.ts';
import { pickedRun, pickKey, runsFor, runtimesOf, type Selection } from './state.ts';
import { verdictGrid } from './verdicts.ts';
import { warmFigure } from './warm-figure.ts';
import { warmTasks } from './warm-panels.ts';
import { workerCostPanel } from './worker-cost-panel.ts';

const SWEEP_TITLE: Record<Sweep, string> = {
  standard: "Workers 1..8 (the article's first experiment)",
  extended: "Extended sweep, workers on a log2 axis (the article's second experiment)",
  payload: 'Moving data: what a payload costs on each transport',
};

/** How a run choice names its sweep. */
const SWEEP_SHORT: Record<Sweep, string> = { standard: '1..8', extended: 'extended', payload: 'payload' };

/** The task's name on the page, before its work in words. */
const TASK_TITLE: Record<TaskKind, string> = {
  io: 'IO',
  cpu: 'CPU',
  noop: 'noop',
  fs: 'fs',
  net: 'net',
  module: 'module',
  payload: 'payload',
};
const workLine = (run: RunView, task: TaskKind): string => `${TASK_TITLE[task]}: ${workOf(run.result, task)}`;

/** The work of a task in the shown runs: one line when they agree, else each runtime's own. */
function taskLine(runs: RunView[], task: TaskKind): string {
  const byWork = new Map<string, string[]>();
  for (const r of runs) {
    const w = workLine(r, task);
    byWork.set(w, [...(byWork.get(w) ?? []), runtimeName(r.result.env.runtime)]);
  }
  if (byWork.size === 1) return [...byWork.keys()][0]!;
  return [...byWork].map(([w, who]) => `${who.join(', ')}: ${w}`).join(' · ');
}

function runPicker(
  p: IndexPayload,
  sel: Selection,
  machine: string,
  runtime: string,
  sweep: Sweep,
  changed: () => void,
) {
  const runs = runsFor(p, machine, runtime, sweep);
  const shown = pickedRun(p, sel, machine, runtime, sweep);
  return h(
    'label',
    {},
    `${runtimeName(runtime)} ${SWEEP_SHORT[sweep]} run `,
    h(
      'select',
      {
        class: 'run',
        'data-runtime': runtime,
        'data-sweep': sweep,
        onchange: (e) => {
          sel.picks.set(pickKey(machine, runtime, sweep), (e.target as HTMLSelectElement).value);
          changed();
        },
      },
      runs.map((r, i) =>
        h(
          'option',
          { value: r.id, selected: r === shown },
          `${new Date(r.createdAt).toLocaleString()} · ${r.preset} · ${r.id.slice(0, 8)}${i === 0 ? ' (latest)' : ''}`,
        ),
      ),
    ),
  );
}

/** The baseline of cross-runtime comparisons: Node's run, else the first. */
const baseOf = (runs: RunView[]): RunView | undefined => runs.find((r) => r.result.env.runtime === 'node') ?? runs[0];

/** Each other run against the base on one task: its pairs when comparable, else the reasons. */
function comparisons(runs: RunView[], task: TaskKind, pool: readonly ResultFile[]) {
  const base = baseOf(runs)!;
  return runs
    .filter((r) => r !== base && linesOf(r, task).length > 0)
    .map((other) => ({ other, c: pairRuntimes(base, other, task, pool) }));
}

const short = (r: RunView) => `${runtimeName(r.result.env.runtime)} run ${r.result.id.slice(0, 8)}`;

function sweepBlock(
  runs: RunView[],
  sweep: Sweep,
  task: Selection['task'],
  book: ChartBook,
  pool: readonly ResultFile[],
): HTMLElement {
  const log2 = sweep === 'extended';
  const base = baseOf(runs)!;
  const tasks = TASK_KINDS.filter((t) => (task === 'all' || task === t) && runs.some((r) => linesOf(r, t).length > 0));
  const B = runtimeName(base.result.env.runtime);
  return h(
    'section',
    { class: 'sweep', 'data-sweep': sweep },
    h('h3', {}, SWEEP_TITLE[sweep]),
    tasks.map((t) => {
      const shown = runs.filter((r) => linesOf(r, t).length > 0);
      const compared = comparisons(runs, t, pool);
      const apart = compared.flatMap(({ other, c }) => (c.ok ? [] : [{ other, reasons: c.reasons }]));
      const pairs: LinePair[] = compared.flatMap(({ c }) => (c.ok ? c.pairs : []));
      const lines = shown.flatMap((r) => linesOf(r, t));
      const pools = lines.filter((l) => l.mode === 'threads' || l.mode === 'processes');
      return h(
        'div',
        { class: 'task', 'data-task': t },
        h('h4', {}, taskLine(shown, t)),
        apart.map(({ other, reasons }) =>
          h(
            'p',
            { class: 'incomparable', 'data-runtime': other.result.env.runtime },
            `${short(other)} is not compared with ${short(base)} on ${t}: ${reasons.join('; ')} (${runtimeName(other.result.env.runtime)} vs ${B}). Its charts stand alone: no ratio against ${B} is drawn.`,
          ),
        ),
        h(
          'div',
          { class: 'grid' },
          // One runtime a chart: the runtime is the panel, the colour the mode.
          shown.flatMap((r) => {
            const R = runtimeName(r.result.env.runtime);
            const other = apart.some((a) => a.other === r) ? ' (other work, not comparable)' : '';
            // No colour twice in a chart, at most 6 series: a run with more impls gets more charts.
            const groups = colourGroups(linesOf(r, t), (l) => l);
            const fits = taskFits([r], t);
            return groups.flatMap((own, i) => {
              const part = partOf(i, groups.length);
              const speedy = own.filter((l) => l.cells.some((c) => c.speedup !== undefined) && l.cells.length > 1);
              const mine = fits.filter((f) => own.some((l) => l.mode === f.fit.mode && l.impl === f.fit.impl));
              return [
                timeFigure(`${t}: time vs workers, ${R}${other}${part}`, own, log2, book),
                t !== 'noop' &&
                  speedy.length > 0 &&
                  speedupFigure(`${t}: speedup vs workers, ${R}${part}`, speedy, log2, book),
                t !== 'noop' &&
                  speedy.length > 0 &&
                  efficiencyFigure(`${t}: efficiency, ${R}${part}`, speedy, log2, book),
                t !== 'noop' &&
                  fitFigure(`${t}: scalability, work-time throughput with USL fits, ${R}${part}`, mine, log2, book),
              ];
            });
          }),
          pools.map((l) =>
            phasesFigure(
              `${t}: where the time goes, ${runtimeName(l.run.result.env.runtime)} ${l.mode} (${l.impl})`,
              l,
              log2,
              book,
            ),
          ),
          [...new Set(pairs.map((p) => p.other.run))].flatMap((o) => {
            const groups = colourGroups(
              pairs.filter((p) => p.other.run === o),
              (p) => p.other,
            );
            return groups.map((g, i) =>
              ratioFigure(
                `${t}: ${runtimeName(o.result.env.runtime)} / ${B} time${partOf(i, groups.length)}`,
                g,
                log2,
                book,
              ),
            );
          }),
        ),
      );
    }),
  );
}

/** One machine: run choices, findings, environment, warnings and every figure. */
export function machineSection(
  p: IndexPayload,
  views: Map<string, RunView>,
  sel: Selection,
  machine: string,
  book: ChartBook,
  changed: () => void,
): HTMLElement {
  const runtimes = runtimesOf(p.runs.filter((r) => r.machine === machine)).filter((r) => sel.runtimes.has(r));
  const bySweep = (['standard', 'extended', 'payload'] as const).map((sweep) => ({
    sweep,
    runs: runtimes.flatMap((rt) => {
      const r = pickedRun(p, sel, machine, rt, sweep);
      const view = r && views.get(r.id);
      return view ? [view] : [];
    }),
  }));
  const shown = bySweep.flatMap((s) => s.runs);
  // Every loaded run of this machine: the other rounds of a picked run's batch are among them.
  const pool = [...views.values()].filter((v) => v.machine === machine).map((v) => v.result);
  // A payload run's statement sits under its figure; its batch findings would only say it has one worker count.
  const findings = bySweep.flatMap(({ sweep, runs }) => {
    if (sweep === 'payload') return [];
    const base = baseOf(runs);
    const span = sweep === 'extended' ? 'extended sweep' : '1..8';
    const name = (r: RunView) => `${runtimeName(r.result.env.runtime)} ${r.result.env.runtimeVersion}`;
    return [
      ...runs.map((r) => findingsPanel(`${name(r)}, ${span}`, runFindings(r))),
      ...runs.map((r) => findingsPanel(`${name(r)}, ${span}: the article's claims`, articleFindings(r))),
      ...runs
        .filter((r) => r !== base)
        .map((o) => findingsPanel(`${name(o)} against ${name(base!)}, ${span}`, runtimeFindings(base!, o, pool))),
    ];
  });
  const pickers = bySweep.flatMap(({ sweep }) =>
    runtimes
      .filter((rt) => runsFor(p, machine, rt, sweep).length > 0)
      .map((rt) => runPicker(p, sel, machine, rt, sweep, changed)),
  );
  const cpu = shown[0]?.result.env;
  const standard = bySweep[0]!.runs;
  const extended = bySweep[1]!.runs;
  // Payload cells per runtime: its payload-only run, else its shown sweep's when that carried them.
  const payloadRuns = runtimes.flatMap((rt) => {
    const of = (runs: RunView[]) =>
      runs.find((r) => r.result.env.runtime === rt && r.result.config.tasks.includes('payload'));
    const r = of(bySweep[2]!.runs) ?? of(standard) ?? of(extended);
    return r ? [r] : [];
  });
  const moving = (sel.task === 'all' || sel.task === 'payload') && payloadRuns.length > 0;
  const tasksIn = (runs: RunView[]) =>
    TASK_KINDS.filter(
      (t) => t !== 'noop' && (sel.task === 'all' || sel.task === t) && runs.some((r) => linesOf(r, t).length > 0),
    );
  // Figure 1 of every task first (the headline), then the other impls measured, if any.
  const figures = (runs: RunView[], sweep: Sweep) => [
    ...tasksIn(runs).map((t) => articleFigure(runs, t, sweep, book)),
    ...warmTasks(runs, TASK_KINDS)
      .filter((t) => sel.task === 'all' || sel.task === t)
      .map((t) => warmFigure(runs, t, sweep, book)),
    ...tasksIn(runs).map((t) => implsFigure(runs, t, sweep, book)),
    ...tasksIn(runs).map((t) => loadFigure(runs, t, sweep, book)),
  ];
  const warnings = warningsPanel(shown);
  return h(
    'section',
    { class: 'machine', 'data-machine': machine },
    h(
      'h2',
      {},
      `Machine ${machine}`,
      cpu ? h('span', { class: 'muted' }, ` · ${cpu.cpuModel}, ${cpu.cores} cores`) : null,
    ),
    shown.length === 0 ? h('p', { class: 'muted' }, 'No runs of the chosen runtimes on this machine.') : null,
    // The answer, then at once the figure behind it: nothing between them.
    verdictGrid(standard.length > 0 ? standard : extended),
    figures(standard, 'standard'),
    pairTables(standard, pool),
    extended.length > 0 && h('h3', {}, SWEEP_TITLE.extended),
    figures(extended, 'extended'),
    pairTables(extended, pool),
    moving && h('h3', {}, SWEEP_TITLE.payload),
    moving && (['threads', 'processes'] as const).map((m) => payloadFigure(payloadRuns, m, book)),
    warnings
      ? h(
          'details',
          { class: 'warnings-box' },
          h('summary', {}, `Warnings from the runs (${warnings.querySelectorAll('li').length})`),
          warnings,
        )
      : null,
    findings.length > 0 && h('details', { class: 'all-findings' }, h('summary', {}, 'All findings'), findings),
    standard.length + extended.length > 0 &&
      lazy(
        'more-figures',
        'More figures: speedup, efficiency, scalability fits, where the time goes, runtime ratios',
        () =>
          bySweep
            .filter((s) => s.sweep !== 'payload' && s.runs.length > 0)
            .map((s) => sweepBlock(s.runs, s.sweep, sel.task, book, pool)),
      ),
    h(
      'details',
      { class: 'runs-box' },
      h('summary', {}, 'Runs shown, their recommendations in full, worker costs, environment'),
      h('div', { class: 'runs' }, pickers),
      recommendationsPanel(shown),
      workerCostPanel(shown.filter((r) => r.sweep !== 'payload')),
      h('div', { class: 'env-grid' }, shown.map(envPanel)),
    ),
    runtimes.length > 0 && lazy('history-box', 'History over time', () => historyBlock(machine, runtimes, book)),
  );
}

/** A disclosure whose content is built (and its charts drawn) when it is first opened. */
function lazy(cls: string, summary: string, build: () => Node | Node[]): HTMLElement {
  const box = h('details', { class: cls }, h('summary', {}, summary));
  const onToggle = () => {
    if (!box.open) return;
    box.removeEventListener('toggle', onToggle);
    const built = build();
    box.append(...(Array.isArray(built) ? built : [built]));
  };
  box.addEventListener('toggle', onToggle);
  return box;
}
