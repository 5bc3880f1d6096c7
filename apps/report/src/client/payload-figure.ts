import type { WorkerMode } from '@tvp/core';
import { MOVING_COST_BASIS, workOf } from '@tvp/core/analysis';
import type { RunView } from '../payload.ts';
import type { ChartBook } from './chart.ts';
import { h } from './dom.ts';
import { panelsFigure } from './panels-figure.ts';
import {
  breakEvenNotes,
  costLabel,
  fitRows,
  numberRows,
  payloadPanels,
  seriesOf,
  sizeLabel,
  skippedLines,
} from './payload-panels.ts';
import { numbersTable } from './table.ts';

const TO: Record<WorkerMode, string> = { threads: 'a thread', processes: 'a process' };

/** How the figure was measured, behind a disclosure. */
function method(runs: RunView[], mode: WorkerMode): HTMLElement {
  return h(
    'details',
    { class: 'method' },
    h('summary', {}, 'method'),
    h(
      'p',
      {},
      `Each point: the median over the run's measured runs of the work phase per task at 1 worker (the tasks go one after another, so a task's time is its round trip: the bytes to ${TO[mode]}, its checksum there, the bytes back, the hub's check). Whiskers: a distribution-free interval of that median (order statistics; with 5 runs or fewer it is the min–max, 94% or less). The dashed line: the checksum of the same bytes on the main thread, nothing moved. The statement under the figure is core's fit of the moving cost (the cost per task less twice the main thread's checksum) as fixed + per KB by least squares over every run of every size, with 95% t intervals, on the way whose per-KB cost is lowest. Axes: log10, shared by every panel.`,
    ),
    runs.map((r) => h('p', { class: 'muted' }, `${r.result.env.runtime}: ${workOf(r.result, 'payload')}`)),
  );
}

/** The ways a transport lacked, one line each, collapsed: null when none was skipped. */
function skippedBox(runs: RunView[], mode: WorkerMode): HTMLElement | null {
  const skipped = skippedLines(runs, mode);
  if (skipped.length === 0) return null;
  return h(
    'details',
    { class: 'skipped-ways' },
    h('summary', {}, `skipped ways (${skipped.length})`),
    h(
      'ul',
      {},
      skipped.map((s) => h('li', {}, s)),
    ),
  );
}

/**
 * Moving data to one worker mode: cost per task against payload size, log-log, a panel per runtime
 * (and per transport where a runtime has several), a colour per way; under it core's statement of
 * where offloading stops paying. Null when no run moved a payload that way.
 */
export function payloadFigure(runs: RunView[], mode: WorkerMode, book: ChartBook): HTMLElement | null {
  const shown = runs.filter((r) => seriesOf(r).some((s) => s.mode === mode && s.way));
  const fig = payloadPanels(shown, mode);
  if (fig.panels.length === 0) return null;
  const notes = breakEvenNotes(shown, mode);
  const n = [...new Set(fig.panels.flatMap((p) => p.ways.flatMap((s) => s.points.map((q) => q.runs))))];
  const { head, rows } = numberRows(fig);
  const el = panelsFigure(
    {
      id: `fig-payload-${mode}`,
      title: `Moving data to ${TO[mode]}: cost per task against payload size`,
      caption: `Median per task at 1 worker over ${n.length === 1 ? n[0] : n.join('/')} runs, whiskers its interval; log-log.`,
      axes: 'loglog',
      xs: fig.xs,
      xFormat: sizeLabel,
      xLabel: 'bytes carried each way (log)',
      yLabel: 'per task (log)',
      yFormat: costLabel,
      panels: fig.panels.map((p) => p.panel),
      notes:
        notes.length > 0
          ? h(
              'ul',
              { class: 'notes break-even' },
              notes.map((x) => h('li', { 'data-topic': `payload-${mode}`, 'data-runtime': x.runtime }, x.text)),
            )
          : null,
      details: [
        method(shown, mode),
        skippedBox(shown, mode),
        numbersTable(
          'fits',
          ['runtime and transport', 'way', 'fixed per task', 'per KB carried'],
          fitRows(fig),
          MOVING_COST_BASIS,
        ),
        numbersTable('numbers', head, rows, 'median cost per task (interval of the median, n runs)'),
      ],
      runIds: shown.map((r) => r.result.id),
    },
    book,
  );
  el.classList.add('payload');
  el.dataset.mode = mode;
  return el;
}
