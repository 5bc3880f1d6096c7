import type { TaskKind } from '@tvp/core';
import { fmtMs, LATENCY_KNEE_FACTOR, type LoadCurve, loadCurves, runtimeName, serveAdvice } from '@tvp/core/analysis';
import type { RunView, Sweep } from '../payload.ts';
import type { ChartBook } from './chart.ts';
import { h } from './dom.ts';
import { colorKey } from './palette.ts';
import { type Panel, type PanelSeries, panelsFigure } from './panels-figure.ts';
import { numbersTable } from './table.ts';
import { taskLabel } from './task-label.ts';

const MODES = ['threads', 'processes', 'async', 'sequential'] as const;
const LABEL: Record<(typeof MODES)[number], string> = {
  threads: 'threads',
  processes: 'processes',
  async: 'event loop (async)',
  sequential: 'sequential (one at a time)',
};
const optionName = (c: LoadCurve) =>
  c.impl === 'main' ? `${c.mode} x${c.workers}` : `${c.mode}/${c.impl} x${c.workers}`;

/**
 * The curve a mode shows: among its raw primitive's worker counts, the one with the highest knee,
 * then the lowest p99 at the lowest rate (what a server would size its pool to).
 */
function shownCurve(curves: LoadCurve[], mode: (typeof MODES)[number]): LoadCurve | undefined {
  const of = curves.filter((c) => c.mode === mode && colorKey(c.mode, c.impl) === mode);
  const first = of[0]?.impl;
  return of
    .filter((c) => c.impl === first)
    .reduce<LoadCurve | undefined>((best, c) => {
      if (!best) return c;
      const [k, kb] = [c.knee ?? -1, best.knee ?? -1];
      if (k !== kb) return k > kb ? c : best;
      return (c.points[0]?.responseMs.p99 ?? Infinity) < (best.points[0]?.responseMs.p99 ?? Infinity) ? c : best;
    }, undefined);
}

/** One runtime's panel: per mode a p99 line shaded down to p50 over the sustained rates, its knee a dot. */
function runtimePanel(run: RunView, task: TaskKind, xs: number[]): { panel: Panel; shown: LoadCurve[] } | undefined {
  const curves = loadCurves(run.result, task);
  const shown = MODES.map((m) => shownCurve(curves, m)).filter((c): c is LoadCurve => c !== undefined);
  if (shown.length === 0) return undefined;
  const series: PanelSeries[] = [];
  // A line stops at the first rate its option did not sustain: a later rate that passed was luck
  // of a shared machine, and a line drawn across the gap would claim the rates between.
  const along = (c: LoadCurve, f: (p: LoadCurve['points'][number]) => number) => {
    const stop = c.points.find((p) => !p.sustained)?.rate ?? Number.POSITIVE_INFINITY;
    return xs.map((x) => {
      const p = c.points.find((q) => q.rate === x);
      return p?.sustained && x < stop ? f(p) : null;
    });
  };
  for (const c of shown) {
    const mode = c.mode as (typeof MODES)[number];
    series.push({
      key: mode,
      label: LABEL[mode],
      values: along(c, (p) => p.responseMs.p99),
      draw: 'line',
      band: { lo: along(c, (p) => p.responseMs.p50), hi: along(c, (p) => p.responseMs.p99) },
    });
  }
  // One grey dot per knee, in one series (one colour, at most six series a panel): where two modes
  // share a knee rate, the dot sits on the lower line; the title and the numbers name every knee.
  const knees = xs.map((x) => {
    const at = shown.filter((c) => c.knee === x).map((c) => c.points.find((p) => p.rate === x)?.responseMs.p99);
    const ys = at.filter((v): v is number => v !== undefined);
    return ys.length > 0 ? Math.min(...ys) : null;
  });
  if (knees.some((v) => v !== null))
    series.push({
      key: 'ideal',
      label: `knee (p99 within ${LATENCY_KNEE_FACTOR}x of low load)`,
      values: knees,
      draw: 'points',
    });
  return {
    panel: {
      title: `${runtimeName(run.result.env.runtime)} ${run.result.env.runtimeVersion} · ${shown
        .map((c) => `${optionName(c)}${c.knee !== undefined ? ` knee ${c.knee}/s` : ''}`)
        .join(', ')}`,
      of: run.result.env.runtime,
      series,
    },
    shown,
  };
}

/** Per runtime and rate, what serves it with the lowest p99 and what the main thread feels (core's `serveAdvice`). */
function notes(runs: RunView[], task: TaskKind): HTMLElement | null {
  const items = runs.flatMap((r) =>
    serveAdvice(r.result)
      .filter((a) => a.task === task)
      .map((a) => `${runtimeName(r.result.env.runtime)}: ${a.sentence}`),
  );
  if (items.length === 0) return null;
  return h(
    'ul',
    { class: 'notes' },
    items.map((t) => h('li', { 'data-topic': `${task}-serve` }, t)),
  );
}

/** Every option measured at every rate, collapsed: p50 / p99 and throughput, or that it was not sustained. */
function numbers(runs: RunView[], task: TaskKind, xs: number[]): HTMLElement {
  const cols = runs.flatMap((r) =>
    loadCurves(r.result, task).map((c) => ({ head: `${runtimeName(r.result.env.runtime)} ${optionName(c)}`, c })),
  );
  return numbersTable(
    'numbers',
    ['tasks/s', ...cols.map((x) => x.head)],
    xs.map((x) => [
      x,
      ...cols.map(({ c }) => {
        const p = c.points.find((q) => q.rate === x);
        if (!p) return '';
        const thr = `${Math.round(p.throughput)}/s`;
        return p.sustained
          ? `${fmtMs(p.responseMs.p50)} / ${fmtMs(p.responseMs.p99)} (${thr})`
          : `not sustained (${thr})`;
      }),
    ]),
    'response ms from arrival to answer, p50 / p99 (throughput), over every measured task',
  );
}

/** How the figure was measured, behind a disclosure. */
function method(runs: RunView[]): HTMLElement {
  const a = runs.find((r) => r.result.config.arrival)?.result.config.arrival;
  return h(
    'details',
    { class: 'method' },
    h('summary', {}, 'method'),
    h(
      'p',
      {},
      `Tasks arrive on a schedule (${a?.kind ?? 'poisson'}, seeded, the same for every option) after the pool is ready; each run has ${a?.warmupMin ?? 10} (or ${a?.warmupPerWorker ?? 2} per worker) warm-up arrivals, then the run's task count measured. A task waits in the hub's queue while every worker (or, on the main thread, every lane) is busy. Response: from the task's due time to its answer. A rate is drawn only where the option sustained it (answers at ${Math.round((a?.sustainShare ?? 0.9) * 100)}% of the offered rate or more); past it the queue grows through the run and a percentile measures the run's length. Each mode shows the worker count with the highest knee. The panels share one y scale.`,
    ),
  );
}

/**
 * Latency against load for one task: per runtime a panel, per mode the p99 response (arrival to
 * answer) against the offered rate, shaded down to p50, the knee marked; what serves each rate
 * under it. Null when no run has tasks arriving over time.
 */
export function loadFigure(runs: RunView[], task: TaskKind, sweep: Sweep, book: ChartBook): HTMLElement | null {
  const withArrivals = runs.filter((r) => loadCurves(r.result, task).length > 0);
  const xs = [...new Set(withArrivals.flatMap((r) => r.result.config.arrival?.rates ?? []))].sort((a, b) => a - b);
  const drawn = withArrivals
    .map((r) => ({ r, d: runtimePanel(r, task, xs) }))
    .filter((x): x is { r: RunView; d: NonNullable<ReturnType<typeof runtimePanel>> } => x.d !== undefined);
  if (drawn.length === 0) return null;
  const shownRuns = drawn.map((x) => x.r);
  const fig = panelsFigure(
    {
      id: `fig-${sweep}-${task}-load`,
      title: `${taskLabel(shownRuns, task)}: response time against arrival rate`,
      caption: `Line: p99 from arrival to answer, shaded down to p50, up to the first rate not sustained; dot: the knee.`,
      xs,
      xLabel: 'tasks arriving per second',
      yLabel: 'response ms',
      yFormat: fmtMs,
      panels: drawn.map((x) => x.d.panel),
      notes: notes(shownRuns, task),
      details: [method(shownRuns), numbers(shownRuns, task, xs)],
      runIds: shownRuns.map((r) => r.result.id),
    },
    book,
  );
  fig.classList.add('load');
  fig.dataset.task = task;
  fig.dataset.sweep = sweep;
  return fig;
}
