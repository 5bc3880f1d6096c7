import type { TaskKind } from '@tvp/core';
import { at, fmtMs, type Line, linesOf, runtimeName } from '@tvp/core/analysis';
import type { RunView, Sweep } from '../payload.ts';
import type { ChartBook } from './chart.ts';
import { colorKey } from './palette.ts';
import { type Panel, type PanelSeries, panelsFigure } from './panels-figure.ts';
import { numbersTable } from './table.ts';
import { taskLabel } from './task-label.ts';

/** Most bars in one panel: with more, a panel is two (STYLE.md: a panel of more than six series is two). */
const MAX_BARS = 6;

/**
 * The worker lines figure 1 leaves out (a second impl of a mode, a pool library), in layers: the
 * k-th line of each colour goes to layer k, so no panel shows one colour twice. Layer 0's raw
 * threads and processes are figure 1's own bars.
 */
function layers(lines: Line[]): Line[][] {
  const seen = new Map<string, number>();
  const out: Line[][] = [];
  for (const l of lines) {
    if (l.mode !== 'threads' && l.mode !== 'processes') continue;
    const key = colorKey(l.mode, l.impl);
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    if (k === 0 && key === l.mode) continue; // figure 1 draws it
    const layer = key === l.mode ? k - 1 : k;
    out[layer] = [...(out[layer] ?? []), l];
  }
  return out.flatMap((ls) =>
    Array.from({ length: Math.ceil(ls.length / MAX_BARS) }, (_, i) => ls.slice(i * MAX_BARS, (i + 1) * MAX_BARS)),
  );
}

/**
 * Every other impl and pool library a run measured, as figure 1's bars (total time per worker
 * count, one panel per runtime and layer, one y scale with figure 1's kind of panels), in the
 * colour of its mode or library; none when the runs measured only the default impls.
 */
export function implsFigure(runs: RunView[], task: TaskKind, sweep: Sweep, book: ChartBook): HTMLElement | null {
  const xs = [...new Set(runs.flatMap((r) => linesOf(r, task).flatMap((l) => l.cells.map((c) => c.workers))))].sort(
    (a, b) => a - b,
  );
  const panels: Panel[] = [];
  const drawn: Line[] = [];
  for (const r of runs) {
    for (const ls of layers(linesOf(r, task))) {
      drawn.push(...ls);
      const series: PanelSeries[] = ls.map((l, i) => ({
        key: colorKey(l.mode, l.impl),
        label: colorKey(l.mode, l.impl) === l.mode ? `${l.mode} (${l.impl})` : l.impl,
        values: xs.map((x) => at(l, x)?.total.median ?? null),
        draw: 'bars',
        slot: { at: i, of: ls.length },
      }));
      panels.push({
        title: `${runtimeName(r.result.env.runtime)} ${r.result.env.runtimeVersion} · ${ls.map((l) => l.impl).join(' / ')}`,
        of: r.result.env.runtime,
        series,
      });
    }
  }
  if (panels.length === 0) return null;
  const fig = panelsFigure(
    {
      id: `fig-${sweep}-${task}-impls`,
      title: `${taskLabel(runs, task)}: the other impls and pool libraries measured${sweep === 'extended' ? ', extended sweep' : ''}`,
      caption: 'Median total time per worker count, as in the figure above.',
      xs,
      xLabel: sweep === 'extended' ? 'workers (log2 axis)' : 'workers',
      yLabel: 'total ms',
      yFormat: fmtMs,
      panels,
      details: [
        numbersTable(
          'numbers',
          ['workers', ...drawn.map((l) => `${runtimeName(l.run.result.env.runtime)} ${l.mode}/${l.impl}`)],
          xs.map((x) => [
            x,
            ...drawn.map((l) => {
              const t = at(l, x)?.total;
              return t ? `${fmtMs(t.median)} (${fmtMs(t.min)}–${fmtMs(t.max)}, n=${t.n})` : '';
            }),
          ]),
          'median total ms (min–max of the samples, n)',
        ),
      ],
      runIds: runs.map((r) => r.result.id),
    },
    book,
  );
  fig.classList.add('impls');
  fig.dataset.task = task;
  fig.dataset.sweep = sweep;
  return fig;
}
