import { h } from './dom.ts';
import { followWidth, heightFor, startWidth, unfollow } from './fit-width.ts';
import { alpha, type ColorKey } from './palette.ts';

/** One line of a chart, aligned with the chart's x values (null where it has no point). */
export interface ChartLine {
  label: string;
  color: string;
  /** What the colour stands for (a mode, a pool library, the ideal); absent for a line of its own kind (a phase). */
  key?: ColorKey | string;
  /** Drawn with the line before it as one series (a fitted curve beside its points): not counted again. */
  companion?: boolean;
  values: (number | null)[];
  /** A shaded spread around the line, e.g. min-max of the samples. */
  band?: { lo: (number | null)[]; hi: (number | null)[] };
  dash?: number[];
  /** Fill down to the line below it (stacked areas). */
  fillBelow?: boolean;
  /** Measured points with no line between them (a fitted curve is drawn beside them). */
  pointsOnly?: boolean;
  /** A smooth curve on a fine grid: no point markers. */
  lineOnly?: boolean;
}

/** What a chart shows. Its table is built by the caller, who knows what the numbers mean. */
export interface ChartSpec {
  title: string;
  xs: number[];
  lines: ChartLine[];
  yLabel: string;
  /** log2 x axis: the extended sweep. */
  log2?: boolean;
  /** A vertical marker, e.g. at the core count. */
  marker?: { x: number; label: string };
  /** A horizontal reference, e.g. ratio 1 or efficiency 100%. */
  reference?: number;
  yFormat?: (v: number) => string;
  table: HTMLElement;
  /** The x ticks, when `xs` is a fine grid for a curve: default `xs`. */
  ticks?: number[];
}

/** The charts drawn so far, so the page can say when all are done and destroy them on change. */
export interface ChartBook {
  charts: uPlot[];
  drawn: Promise<void>[];
}

function markerPlugin(spec: ChartSpec): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.setLineDash([4, 4]);
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#555';
        ctx.fillStyle = '#555';
        ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
        const { left, top, width, height } = u.bbox;
        if (spec.marker && spec.marker.x >= spec.xs[0]! && spec.marker.x <= spec.xs[spec.xs.length - 1]!) {
          const x = Math.round(u.valToPos(spec.marker.x, 'x', true));
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillText(spec.marker.label, x + 4, top + 12 * devicePixelRatio);
        }
        if (spec.reference !== undefined) {
          const y = Math.round(u.valToPos(spec.reference, 'y', true));
          if (y >= top && y <= top + height) {
            ctx.beginPath();
            ctx.moveTo(left, y);
            ctx.lineTo(left + width, y);
            ctx.stroke();
          }
        }
        ctx.restore();
      },
    },
  };
}

/** A legend's mark drawn as its line is: a dot for points alone, dashes for a dashed line. */
function legendMark(l: ChartLine): string {
  if (l.pointsOnly) return `background:${l.color};width:7px;height:7px;border-radius:50%`;
  if (l.dash) return `background:repeating-linear-gradient(90deg,${l.color} 0 4px,transparent 4px 7px)`;
  return `background:${l.color}`;
}

/** Draw one chart with its legend and table into a figure; `book` learns when it has drawn. */
export function chartFigure(spec: ChartSpec, book: ChartBook): HTMLElement {
  const plot = h('div', { class: 'plot' });
  const legend = h(
    'div',
    { class: 'legend' },
    spec.lines.map((l) => h('span', {}, h('i', { style: legendMark(l) }), l.label)),
  );
  const fig = h(
    'figure',
    {
      class: 'chart',
      'data-chart': spec.title,
      'data-series': JSON.stringify(
        spec.lines
          .filter((l) => !l.companion)
          .map((l) => ({ label: l.label, key: l.key ?? l.label, color: l.color, draw: 'line' })),
      ),
    },
    h('figcaption', {}, spec.title),
    legend,
    plot,
    spec.table,
  );
  const series: uPlot.Series[] = [{ label: 'workers' }];
  const data: (number | null)[][] = [spec.xs];
  const bands: uPlot.Band[] = [];
  const fmt = spec.yFormat ?? ((v: number) => String(v));
  for (const l of spec.lines) {
    const idx = series.length;
    series.push({
      label: l.label,
      stroke: l.color,
      width: 2,
      dash: l.dash,
      spanGaps: true,
      value: (_u, v) => (v == null ? '-' : fmt(v)),
      points: { show: !l.lineOnly, size: l.pointsOnly ? 7 : 5 },
      ...(l.pointsOnly ? { paths: () => null } : {}),
    });
    data.push(l.values);
    if (l.fillBelow) {
      if (idx === 1) series[idx]!.fill = alpha(l.color, 0.45);
      else bands.push({ series: [idx, idx - 1], fill: alpha(l.color, 0.45) });
    }
    if (l.band) {
      series.push({ stroke: 'transparent', points: { show: false }, spanGaps: true });
      series.push({ stroke: 'transparent', points: { show: false }, spanGaps: true });
      data.push(l.band.hi, l.band.lo);
      bands.push({ series: [idx + 1, idx + 2], fill: alpha(l.color, 0.15) });
    }
  }
  let drawnOnce: () => void = () => undefined;
  book.drawn.push(new Promise<void>((resolve) => (drawnOnce = resolve)));
  const ticks = () => spec.ticks ?? spec.xs;
  const width = startWidth(plot, 2);
  const opts: uPlot.Options = {
    width,
    height: heightFor(width),
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: spec.log2 ? { time: false, distr: 3, log: 2 } : { time: false },
      y: { range: (_u, _min, max) => [0, Math.max(max, spec.reference ?? 0) * 1.08 || 1] },
    },
    axes: [
      { label: spec.log2 ? 'workers (log2)' : 'workers', splits: ticks, values: (_u, v) => v.map(String) },
      { label: spec.yLabel, values: (_u, v) => v.map(fmt), size: 60 },
    ],
    series,
    bands,
    plugins: [markerPlugin(spec)],
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
  const u = new uPlot(opts, data as uPlot.AlignedData, plot);
  book.charts.push(u);
  followWidth(plot, u);
  return fig;
}
