import { fmtMs } from '@tvp/core/analysis';
import type { HistoryPayload, HistorySeries } from '../payload.ts';
import type { ChartBook } from './chart.ts';
import { h } from './dom.ts';
import { followWidth, startWidth, unfollow } from './fit-width.ts';
import { alpha, colorKey, colorOf } from './palette.ts';

/** A cell's label on a history chart: `threads/worker_threads x8`. */
export const cellLabel = (c: { mode: string; impl: string; workers: number }): string =>
  c.mode === 'sequential' ? 'sequential' : `${c.mode}/${c.impl} x${c.workers}`;

/** The runs where a new segment starts: the work changed from the run before. */
const segmentStarts = (p: HistoryPayload) => p.runs.filter((r, i) => i > 0 && r.segment !== p.runs[i - 1]!.segment);

/** Vertical dashed lines where the work changed, so no reader takes the two sides for one line. */
function changesPlugin(p: HistoryPayload, xs: number[]): uPlot.Plugin {
  const starts = segmentStarts(p);
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.setLineDash([4, 4]);
        ctx.strokeStyle = '#8a4b00';
        ctx.fillStyle = '#8a4b00';
        ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
        ctx.textAlign = 'left';
        for (const r of starts) {
          const x = Math.round(u.valToPos(xs[p.runs.indexOf(r)]!, 'x', true));
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillText('work changed', x + 4, top + 12 * devicePixelRatio);
        }
        ctx.restore();
      },
    },
  };
}

/** One uPlot series per cell and segment, aligned with the runs (null outside its segment). */
function seriesOf(p: HistoryPayload, s: HistorySeries, color: string) {
  const segments = [...new Set(p.runs.map((r) => r.segment))];
  return segments.map((seg) => {
    const runs = p.runs.map((r) => r.segment === seg);
    const other = p.runs.some((r, i) => runs[i] && !r.comparable);
    return {
      series: {
        label: `${cellLabel(s)}${other ? ' (other work)' : ''}`,
        stroke: other ? alpha(color, 0.55) : color,
        width: 2,
        ...(other ? { dash: [5, 4] } : {}),
        points: { show: true, size: other ? 7 : 5, ...(other ? { fill: '#fff' } : {}) },
        value: (_u: uPlot, v: number | null) => (v == null ? '-' : fmtMs(v)),
      } satisfies uPlot.Series,
      values: s.medians.map((m, i) => (runs[i] ? m : null)),
    };
  });
}

/**
 * The numbers behind a history chart: a row per run, the ones that did other work than the latest
 * marked. Built when first opened: a year of nightly runs is hundreds of rows per chart.
 */
function historyTable(p: HistoryPayload): HTMLElement {
  const rows = () =>
    p.runs.map((r, i) =>
      h(
        'tr',
        { 'data-run': r.id, class: r.comparable ? undefined : 'incomparable' },
        h('td', {}, `${new Date(r.createdAt).toLocaleString()} · ${r.id.slice(0, 8)}`),
        h('td', {}, r.runtimeVersion),
        p.series.map((s) => {
          const m = s.medians[i];
          return h('td', m == null ? {} : { 'data-ms': m }, m == null ? '' : `${fmtMs(m)} (n=${s.ns[i]})`);
        }),
        h('td', {}, r.comparable ? 'yes' : `no: ${r.reasons.join('; ')}`),
      ),
    );
  const body = h('tbody', {});
  const details = h(
    'details',
    {
      class: 'numbers',
      ontoggle: () => {
        if (details.open && body.childElementCount === 0) body.append(...rows());
      },
    },
    h('summary', {}, 'numbers: median total ms (samples) per run, oldest first'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'run'),
          h('th', {}, 'version'),
          p.series.map((s) => h('th', {}, cellLabel(s))),
          h('th', {}, 'comparable with the latest'),
        ),
      ),
      body,
    ),
  );
  return details;
}

/** A chart of each chosen cell's median total over time, with a break and a marker where the work changed. */
export function historyFigure(title: string, p: HistoryPayload, book: ChartBook, drawnOnce: () => void): HTMLElement {
  const plot = h('div', { class: 'plot' });
  const xs = p.runs.map((r) => Date.parse(r.createdAt) / 1000);
  // Each cell in its mode's (or pool library's) colour, as on every chart of the page.
  const colorAt = (i: number) => colorOf(colorKey(p.series[i]!.mode, p.series[i]!.impl));
  const lines = p.series.flatMap((s, i) => seriesOf(p, s, colorAt(i)));
  const changes = segmentStarts(p).length;
  const fig = h(
    'figure',
    {
      class: 'chart history',
      'data-chart': title,
      'data-runs': p.runs.length,
      'data-changes': changes,
      'data-series': JSON.stringify(
        p.series.map((s, i) => ({
          label: cellLabel(s),
          key: colorKey(s.mode, s.impl),
          color: colorAt(i),
          draw: 'line',
        })),
      ),
    },
    h('figcaption', {}, title),
    h(
      'div',
      { class: 'legend' },
      p.series.map((s, i) => h('span', {}, h('i', { style: `background:${colorAt(i)}` }), cellLabel(s))),
      changes > 0 ? h('span', { class: 'incomparable' }, 'dashed, hollow: other work than the latest run') : null,
    ),
    plot,
    historyTable(p),
  );
  const width = startWidth(plot, 2);
  const opts: uPlot.Options = {
    width,
    height: 240,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max * 1.08 || 1] } },
    axes: [{}, { label: 'median total ms', values: (_u, v) => v.map(fmtMs), size: 60 }],
    series: [{ label: 'time' }, ...lines.map((l) => l.series)],
    plugins: [changesPlugin(p, xs)],
    hooks: {
      destroy: [() => unfollow(plot)],
      draw: [
        () => {
          fig.dataset.drawn = '1';
          drawnOnce();
        },
      ],
    },
  };
  const u = new uPlot(opts, [xs, ...lines.map((l) => l.values)] as uPlot.AlignedData, plot);
  book.charts.push(u);
  followWidth(plot, u);
  return fig;
}
