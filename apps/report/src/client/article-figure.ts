import type { TaskKind } from '@tvp/core';
import {
  at,
  clockCaption,
  clockOf,
  type Finding,
  fmtMs,
  idealSpeedup,
  type Line,
  linesOf,
  runFindings,
  runtimeName,
  workOf,
} from '@tvp/core/analysis';
import type { RunView, Sweep } from '../payload.ts';
import type { ChartBook } from './chart.ts';
import { h } from './dom.ts';
import { colorKey } from './palette.ts';
import { type Panel, type PanelSeries, panelsFigure } from './panels-figure.ts';
import { numbersTable } from './table.ts';
import { taskLabel } from './task-label.ts';

const POOLS = ['threads', 'processes'] as const;

/** A mode's line the article's figure shows: its first raw primitive (a pool library is another colour, drawn elsewhere). */
function primary(lines: Line[], mode: Line['mode']): Line | undefined {
  const of = lines.filter((l) => l.mode === mode);
  return of.find((l) => colorKey(l.mode, l.impl) === mode) ?? of[0];
}

/** The caption's note on the clock (core's `clockOf`: a file without one used phases): one line when the runs agree, else each runtime's. */
function clockNote(runs: RunView[]): string | undefined {
  const clocks = runs.map((r) => ({ rt: runtimeName(r.result.env.runtime), clock: clockOf(r.result) }));
  const first = clocks[0];
  if (first === undefined) return undefined;
  if (clocks.every((c) => c.clock === first.clock)) return clockCaption(first.clock);
  return `Totals timed by: ${clocks.map((c) => `${c.rt} ${c.clock === 'article' ? "the article's clock" : 'phases'}`).join(', ')}.`;
}

/** The work of the task, once when the runs agree, else per runtime. */
function workNote(runs: RunView[], task: TaskKind): string {
  const byWork = new Map<string, string[]>();
  for (const r of runs) {
    const w = workOf(r.result, task);
    byWork.set(w, [...(byWork.get(w) ?? []), runtimeName(r.result.env.runtime)]);
  }
  if (byWork.size === 1) return `${[...byWork.keys()][0]}.`;
  return `${[...byWork].map(([w, who]) => `${who.join(', ')}: ${w}`).join('; ')}.`;
}

/** One runtime's panel: threads and processes as grouped bars, the event loop, sequential and the ideal as references. */
function runtimePanel(run: RunView, task: TaskKind, xs: number[]): Panel | undefined {
  const lines = linesOf(run, task);
  if (lines.length === 0) return undefined;
  const series: PanelSeries[] = [];
  const bars = POOLS.map((m) => primary(lines, m)).filter((l): l is Line => l !== undefined);
  const values = (l: Line) => xs.map((x) => at(l, x)?.total.median ?? null);
  for (const [i, l] of bars.entries())
    series.push({
      key: colorKey(l.mode, l.impl),
      label: colorKey(l.mode, l.impl) === l.mode ? l.mode : `${l.mode} (${l.impl})`,
      values: values(l),
      draw: 'bars',
      slot: { at: i, of: bars.length },
    });

  const loop = primary(lines, 'async');
  if (loop)
    series.push({ key: 'async', label: 'event loop (async)', values: values(loop), draw: 'line', tag: 'async' });
  const seq = primary(lines, 'sequential');
  const seqMs = seq?.cells[0]?.total.median;
  if (seqMs !== undefined)
    series.push({
      key: 'sequential',
      label: 'sequential (one at a time)',
      values: xs.map(() => seqMs),
      draw: 'line',
      dash: [2, 3],
      tag: 'sequential',
    });
  // The ideal: the sequential time divided by the schedule's bound (DESIGN.md), a reference.
  const base = seqMs ?? bars[0]?.cells.find((c) => c.workers === 1)?.total.median;
  if (base !== undefined) {
    const ideal = xs.map((x) => {
      const s = idealSpeedup(task, x, run.result.config.count, run.cores);
      return s === undefined ? null : base / s;
    });
    if (ideal.some((v) => v !== null))
      series.push({
        key: 'ideal',
        label: 'ideal (sequential / ideal speedup)',
        values: ideal,
        draw: 'line',
        dash: [7, 4],
        tag: 'ideal',
      });
  }
  return {
    title: `${runtimeName(run.result.env.runtime)} ${run.result.env.runtimeVersion} · ${bars.map((l) => l.impl).join(' / ')}`,
    of: run.result.env.runtime,
    series,
  };
}

// A run's findings are worded once per page, whatever the figures that quote them.
const worded = new WeakMap<RunView['result'], Finding[]>();
function findingsOf(run: RunView): Finding[] {
  let f = worded.get(run.result);
  if (!f) {
    f = runFindings(run);
    worded.set(run.result, f);
  }
  return f;
}

/** Findings of the task, one line each under the figure, each naming its runtime; the basis is the tooltip. */
function notes(runs: RunView[], task: TaskKind): HTMLElement | null {
  const items = runs.flatMap((r) =>
    findingsOf(r)
      .filter((f) => f.topic === task)
      .map((f) => ({ f })),
  );
  if (items.length === 0) return null;
  return h(
    'ul',
    { class: 'notes' },
    // Each finding names its runtime already; its basis (medians, n, interval) is the tooltip.
    items.map(({ f }) => h('li', { title: f.basis, 'data-topic': f.topic }, f.text)),
  );
}

/** How the figure's numbers were found, behind a disclosure: each finding's basis, and what is drawn. */
function method(runs: RunView[], task: TaskKind): HTMLElement {
  const bases = runs.flatMap((r) =>
    findingsOf(r)
      .filter((f) => f.topic === task)
      .map((f) => `${runtimeName(r.result.env.runtime)}: ${f.basis}`),
  );
  return h(
    'details',
    { class: 'method' },
    h('summary', {}, 'method'),
    h(
      'p',
      {},
      'Bars: median total time (start the pool, run every task, stop it: what the article timed) of each run’s measured repeats; one run per runtime, so a statement rests on that run alone. Lines: the event loop (up to N tasks in flight, no worker), sequential (one task at a time) and the ideal (sequential time over the schedule’s bound, zero overhead: a reference, not a ceiling). The panels share one y scale.',
    ),
    bases.length > 0
      ? h(
          'ul',
          {},
          bases.map((b) => h('li', {}, b)),
        )
      : null,
  );
}

/** The numbers under the figure, collapsed: per worker count, each runtime's medians with min–max. */
function numbers(runs: RunView[], task: TaskKind, xs: number[]): HTMLElement {
  const cols = runs.flatMap((r) =>
    linesOf(r, task).map((l) => ({
      head: `${runtimeName(r.result.env.runtime)} ${l.mode}${l.impl === 'main' ? '' : `/${l.impl}`}`,
      l,
    })),
  );
  return numbersTable(
    'numbers',
    ['workers', ...cols.map((c) => c.head)],
    xs.map((x) => [
      x,
      ...cols.map(({ l }) => {
        const t = at(l, x)?.total;
        return t ? `${fmtMs(t.median)} (${fmtMs(t.min)}–${fmtMs(t.max)}, n=${t.n})` : '';
      }),
    ]),
    'median total ms (min–max of the samples, n)',
  );
}

/**
 * The article's figure for one task, redrawn per runtime: total time per worker count as grouped
 * bars (threads, processes), one small panel per runtime on one y scale, the event loop,
 * sequential and the ideal drawn the same way on every panel; its findings under it.
 */
export function articleFigure(runs: RunView[], task: TaskKind, sweep: Sweep, book: ChartBook): HTMLElement | null {
  const shown = runs.filter((r) => linesOf(r, task).length > 0);
  const xs = [...new Set(shown.flatMap((r) => linesOf(r, task).flatMap((l) => l.cells.map((c) => c.workers))))].sort(
    (a, b) => a - b,
  );
  const panels = shown.map((r) => runtimePanel(r, task, xs)).filter((p): p is Panel => p !== undefined);
  if (panels.length === 0) return null;
  const extended = sweep === 'extended';
  const clock = clockNote(shown);
  const fig = panelsFigure(
    {
      id: `fig-${sweep}-${task}`,
      title: `${taskLabel(shown, task)}: total time per worker count${extended ? ', extended sweep' : ''}`,
      caption: `${workNote(shown, task)}${clock ? ` ${clock}` : ''}`,
      xs,
      xLabel: extended ? 'workers (log2 axis)' : 'workers',
      yLabel: 'total ms',
      yFormat: fmtMs,
      panels,
      notes: notes(shown, task),
      details: [method(shown, task), numbers(shown, task, xs)],
      runIds: shown.map((r) => r.result.id),
    },
    book,
  );
  fig.classList.add('article');
  fig.dataset.task = task;
  fig.dataset.sweep = sweep;
  return fig;
}
