import type { TaskKind } from '@tvp/core';
import { fmtMs, runtimeName, workOf } from '@tvp/core/analysis';
import type { RunView, Sweep } from '../payload.ts';
import type { ChartBook } from './chart.ts';
import { h } from './dom.ts';
import { type Panel, panelsFigure } from './panels-figure.ts';
import { numbersTable } from './table.ts';
import { taskLabel } from './task-label.ts';
import { articleClockWarm, warmFinding, warmLines, warmPanel, warmRows, warmStarts } from './warm-panels.ts';

/** How the figure was measured, behind a disclosure, with the warm pools' one start each. */
function method(runs: RunView[], task: TaskKind): HTMLElement {
  const starts = warmStarts(runs, task);
  return h(
    'details',
    { class: 'method' },
    h('summary', {}, 'method'),
    h(
      'p',
      {},
      `Bars: median work time (the tasks alone, from the first sent to the last answer; no start, no stop) of each cell's measured runs. Cold (solid): every run starts fresh workers, as the article's executor did, so the work includes each worker's first compiles. Warm (hollow): the cell starts its workers once, throws its warm-up batches away, then times each batch on the same live workers, as a server keeps its pool. One raw primitive per mode; every pool measured is in the numbers. The panels share one y scale. ${workOf(runs[0]!.result, task)}.`,
    ),
    starts.length > 0
      ? h(
          'ul',
          { class: 'warm-starts' },
          starts.map((s) => h('li', {}, s)),
        )
      : null,
  );
}

/**
 * Cold against warm pools for one task: per runtime a panel, per worker count each mode's work
 * time cold (solid bars) and warm (hollow bars, the mode's colour), the warm/cold ratio under it.
 * Null when no run kept a pool warm on this task.
 */
export function warmFigure(runs: RunView[], task: TaskKind, sweep: Sweep, book: ChartBook): HTMLElement | null {
  const drawn = runs.map((r) => ({ r, lines: warmLines(r, task) })).filter((x) => x.lines.length > 0);
  const article = articleClockWarm(runs);
  if (drawn.length === 0)
    return article.length > 0
      ? h(
          'p',
          { class: 'muted warm-article', 'data-task': task },
          `${taskLabel(runs, task)}: warm pools ran on ${article.map((r) => runtimeName(r.result.env.runtime)).join(', ')} under the article's clock, where a cold run's work overlaps its workers' start: not set against cold work (run with --clock phases).`,
        )
      : null;
  const xs = [...new Set(drawn.flatMap((x) => x.lines.flatMap((l) => l.pairs.map((p) => p.workers))))].sort(
    (a, b) => a - b,
  );
  const panels: Panel[] = drawn.map((x) => warmPanel(x.r, x.lines, xs));
  const findings = drawn.flatMap((x) => {
    const text = warmFinding(x.r, x.lines);
    return text ? [{ rt: x.r.result.env.runtime, text }] : [];
  });
  const shown = drawn.map((x) => x.r);
  const { head, rows } = warmRows(shown, task, xs);
  const fig = panelsFigure(
    {
      id: `fig-${sweep}-${task}-warm`,
      title: `${taskLabel(runs, task)}: work time on cold and on warm pools`,
      caption: 'Solid: fresh workers each run (cold); hollow: the same workers kept alive (warm).',
      xs,
      xLabel: sweep === 'extended' ? 'workers (log2 axis)' : 'workers',
      yLabel: 'work ms',
      yFormat: fmtMs,
      panels,
      notes:
        findings.length > 0
          ? h(
              'ul',
              { class: 'notes' },
              findings.map((f) => h('li', { 'data-topic': `${task}-warm`, 'data-runtime': f.rt }, f.text)),
            )
          : null,
      details: [
        method(shown, task),
        numbersTable(
          'numbers',
          head,
          rows,
          'median work ms of a batch, warm / cold (warm / cold ratio, 95% exact bootstrap interval)',
        ),
      ],
      runIds: shown.map((r) => r.result.id),
    },
    book,
  );
  fig.classList.add('warm');
  fig.dataset.task = task;
  fig.dataset.sweep = sweep;
  return fig;
}
