import type { ChartBook } from './chart.ts';
import { h } from './dom.ts';
import { figureExport } from './figure-export.ts';
import { type DrawnPanel, figureSvg } from './figure-svg.ts';
import { followWidth, heightFor, startWidth, unfollow } from './fit-width.ts';
import { alpha, colorOf, HOLLOW_ALPHA } from './palette.ts';
import { logTicks, sharedRange, spacedLabels, xAt } from './panel-scales.ts';
import type { Panel, PanelSeries, PanelsSpec } from './panel-spec.ts';

export type { Panel, PanelSeries, PanelsSpec } from './panel-spec.ts';

const BAR_SHARE = 0.8; // of the space between two x positions, the rest is the gap between groups

/**
 * uPlot's bar path for one series of a group: x positions are 0, 1, 2, ... (one per worker count),
 * each group is BAR_SHARE wide around its position, each bar a slice of it in slot order (the
 * builder's `disp.x0` and `disp.size` in data units: a bar starts at x0 and is `size` wide).
 */
function barsPath(slot: { at: number; of: number }): uPlot.Series.PathBuilder {
  const size = BAR_SHARE / slot.of;
  const start = (i: number) => i - BAR_SHARE / 2 + slot.at * size;
  return uPlot.paths.bars!({
    disp: {
      x0: { unit: 1, values: (u: uPlot) => u.data[0].map((_, i) => start(i)) },
      size: { unit: 1, values: (u: uPlot) => u.data[0].map(() => size) },
    },
  } as unknown as uPlot.Series.BarsPathBuilderOpts);
}

/** The tags' font at one CSS pixel: the margin is measured in it. */
const TAG_FONT = 'px system-ui, sans-serif';

/**
 * The room right of the plot for the reference lines' tags (ordinal axes), px: the widest tag of
 * any panel, so that every panel's plot is as wide. Tags inside the plot sat on the bars at the
 * largest worker counts, where the bars are (green on orange, unreadable).
 */
export function tagRoom(spec: PanelsSpec): number {
  if (spec.axes === 'loglog') return 0;
  const tags = spec.panels.flatMap((p) => p.series.flatMap((s) => (s.tag ? [s.tag] : [])));
  if (tags.length === 0) return 0;
  const ctx = document.createElement('canvas').getContext('2d');
  if (ctx) ctx.font = `11${TAG_FONT}`;
  const widest = Math.max(...tags.map((t) => (ctx ? ctx.measureText(t).width : t.length * 6.5)));
  return Math.ceil(widest) + 8;
}

/**
 * Tags of the reference lines, and the reference itself: on ordinal axes each tag sits in the
 * margin right of the plot, level with its line's last point; on log axes under its first point.
 */
function tagsPlugin(spec: PanelsSpec, series: PanelSeries[], ink: string): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.font = `${11 * devicePixelRatio}${TAG_FONT}`;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        if (spec.reference !== undefined) {
          const y = Math.round(u.valToPos(spec.reference, 'y', true));
          if (y >= top && y <= top + height) {
            ctx.setLineDash([4, 4]);
            ctx.strokeStyle = ink;
            ctx.beginPath();
            ctx.moveTo(left, y);
            ctx.lineTo(left + width, y);
            ctx.stroke();
          }
        }
        // On log axes a reference rises with x: its tag goes under its first point, at the left.
        const atStart = spec.axes === 'loglog';
        if (atStart) ctx.textBaseline = 'alphabetic';
        const margin: { tag: string; key: PanelSeries['key']; y: number }[] = [];
        for (const s of series) {
          if (!s.tag) continue;
          const last = (atStart ? s.values : [...s.values].reverse()).find((v) => v !== null);
          if (last === undefined || last === null) continue;
          const at = u.valToPos(last, 'y', true);
          if (atStart) {
            ctx.fillStyle = colorOf(s.key);
            ctx.fillText(s.tag, left + 4, Math.min(top + height - 3, at + 14 * devicePixelRatio));
            continue;
          }
          if (at >= top && at <= top + height) margin.push({ tag: s.tag, key: s.key, y: at });
        }
        // In the margin, level with each line's end; tags closer than a line apart are pushed apart
        // in their lines' order (top to bottom), then moved up together if they run past the plot.
        const step = 12 * devicePixelRatio;
        margin.sort((a, b) => a.y - b.y);
        for (let i = 1; i < margin.length; i++) margin[i]!.y = Math.max(margin[i]!.y, margin[i - 1]!.y + step);
        const over = margin.length > 0 ? margin[margin.length - 1]!.y - (top + height) : 0;
        for (const m of margin) {
          ctx.fillStyle = colorOf(m.key);
          ctx.fillText(m.tag, left + width + 4 * devicePixelRatio, over > 0 ? m.y - over : m.y);
        }
        ctx.restore();
      },
    },
  };
}

/** Whiskers: each point's interval as a vertical line with short caps, in its series' colour. */
function whiskersPlugin(spec: PanelsSpec, series: PanelSeries[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.lineWidth = 1.5 * devicePixelRatio;
        const cap = 3 * devicePixelRatio;
        for (const s of series) {
          if (!s.whiskers) continue;
          ctx.strokeStyle = colorOf(s.key);
          ctx.setLineDash([]);
          s.whiskers.lo.forEach((lo, i) => {
            const hi = s.whiskers!.hi[i];
            if (lo == null || hi == null) return;
            const x = Math.round(u.valToPos(xAt(spec, i), 'x', true));
            const y0 = u.valToPos(lo, 'y', true);
            const y1 = u.valToPos(hi, 'y', true);
            ctx.beginPath();
            ctx.moveTo(x, y0);
            ctx.lineTo(x, y1);
            ctx.moveTo(x - cap, y0);
            ctx.lineTo(x + cap, y0);
            ctx.moveTo(x - cap, y1);
            ctx.lineTo(x + cap, y1);
            ctx.stroke();
          });
        }
        ctx.restore();
      },
    },
  };
}

/** Ink for axes and labels, from the page's own colours (light or dark). */
const ink = () => getComputedStyle(document.body).getPropertyValue('--fg').trim() || '#1d232b';
const grid = () => getComputedStyle(document.body).getPropertyValue('--line').trim() || '#d8dde3';

/** A legend swatch's dash pattern as a CSS gradient: each dash and gap of the series, px. */
function dashGradient(c: string, dash: number[]): string {
  let at = 0;
  const stops = dash.map((len, i) => {
    const stop = `${i % 2 === 0 ? c : 'transparent'} ${at}px ${at + len}px`;
    at += len;
    return stop;
  });
  return `repeating-linear-gradient(90deg,${stops.join(',')})`;
}

/** One legend for the figure: each series' colour and cue once. */
function legend(spec: PanelsSpec): HTMLElement {
  const seen = new Map<string, PanelSeries>();
  for (const p of spec.panels) for (const s of p.series) if (!seen.has(s.label)) seen.set(s.label, s);
  // Measured series first, in the order the panels give them, then the references (tagged lines):
  // a series only some panels have must not land after a reference.
  const entries = [...seen.values()].sort((a, b) => Number(a.tag !== undefined) - Number(b.tag !== undefined));
  return h(
    'div',
    { class: 'legend' },
    entries.map((s) => {
      const c = colorOf(s.key);
      const mark =
        s.draw === 'bars'
          ? s.fill === 'hollow'
            ? `background:${alpha(c, HOLLOW_ALPHA)};border:2px solid ${c};box-sizing:border-box;width:12px;height:12px`
            : `background:${c};width:10px;height:10px`
          : s.dash
            ? `background:${dashGradient(c, s.dash)};width:22px`
            : `background:${c}`;
      // The saved PNG draws the swatch from these, not from the CSS (a dash is a gradient there).
      return h(
        'span',
        {
          'data-key': s.key,
          'data-color': c,
          'data-draw': s.draw,
          'data-fill': s.fill,
          'data-dash': s.dash ? s.dash.join(',') : undefined,
        },
        h('i', { style: mark }),
        s.label,
      );
    }),
  );
}

function panelChart(
  spec: PanelsSpec,
  panel: Panel,
  yRange: [number, number],
  book: ChartBook,
  box: HTMLElement,
  onDraw: (u: uPlot) => void,
): uPlot {
  const fg = ink();
  const lines = grid();
  const series: uPlot.Series[] = [{ label: 'workers' }];
  const log = spec.axes === 'loglog';
  const data: (number | null)[][] = [spec.xs.map((_, i) => xAt(spec, i))];
  const bands: uPlot.Band[] = [];
  for (const s of panel.series) {
    const color = colorOf(s.key);
    const idx = series.length;
    series.push({
      label: s.label,
      stroke: color,
      width: s.draw === 'bars' ? (s.fill === 'hollow' ? 2 : 1) : 2,
      dash: s.dash,
      spanGaps: true,
      ...(s.draw === 'bars'
        ? {
            fill: s.fill === 'hollow' ? alpha(color, HOLLOW_ALPHA) : color,
            paths: barsPath(s.slot ?? { at: 0, of: 1 }),
            points: { show: false },
          }
        : {}),
      ...(s.draw === 'points' ? { paths: () => null, points: { show: true, size: 7, fill: color } } : {}),
      ...(s.draw === 'line' ? { points: { show: !s.dash || s.whiskers !== undefined, size: 5 } } : {}),
    });
    data.push(s.values);
    if (s.band) {
      series.push({ stroke: 'transparent', points: { show: false }, spanGaps: true });
      series.push({ stroke: 'transparent', points: { show: false }, spanGaps: true });
      data.push(s.band.hi, s.band.lo);
      bands.push({ series: [idx + 1, idx + 2], fill: `${color}26` });
    }
  }
  const width = startWidth(box, spec.panels.length);
  const room = tagRoom(spec);
  const last = spec.xs.length - 1;
  const first = spec.xs[0] ?? 1;
  const end = spec.xs[last] ?? 1;
  const opts: uPlot.Options = {
    width,
    height: heightFor(width),
    legend: { show: false },
    ...(room > 0 ? { padding: [null, room, null, null] as uPlot.Padding } : {}),
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    scales: log
      ? {
          // A third of a decade's margin either side, so the end points and their whiskers show.
          x: { time: false, distr: 3, log: 10, range: () => [first / 2.2, end * 2.2] },
          y: { distr: 3, log: 10, range: () => yRange },
        }
      : {
          x: { time: false, range: () => [-0.6, last + 0.6] },
          y: { range: () => yRange },
        },
    axes: [
      {
        label: spec.xLabel,
        stroke: fg,
        grid: { show: false },
        ticks: { stroke: lines },
        splits: () => spec.xs.map((_, i) => xAt(spec, i)),
        // Every tick asked for is labelled (a log axis would otherwise keep only some).
        filter: (_u, splits) => splits,
        // uPlot hands a log axis null for a tick it leaves out.
        values: (u, v) =>
          log
            ? spacedLabels(
                v.map((x) => (x == null ? Number.NaN : u.valToPos(x, 'x'))),
                v.map((x) => (x == null ? '' : (spec.xFormat ?? String)(x))),
              )
            : v.map((i) => String(spec.xs[i] ?? '')),
        size: 32,
        labelSize: 18,
      },
      {
        label: spec.yLabel,
        stroke: fg,
        grid: { stroke: lines, width: 1 },
        ticks: { stroke: lines },
        ...(log ? { splits: () => logTicks(yRange), filter: (_u: uPlot, splits: number[]) => splits } : {}),
        values: (_u, v) => v.map((y) => (y == null ? '' : spec.yFormat(y))),
        size: log ? 60 : 52,
        labelSize: 18,
      },
    ],
    series,
    bands,
    plugins: [tagsPlugin(spec, panel.series, fg), whiskersPlugin(spec, panel.series)],
    hooks: { destroy: [() => unfollow(box)], draw: [onDraw] },
  };
  const u = new uPlot(opts, data as uPlot.AlignedData, box);
  book.charts.push(u);
  followWidth(box, u);
  return u;
}

/**
 * A figure of small panels side by side (a grid that wraps, one column on a phone), sharing one
 * y scale and one legend, with its caption, its notes under it and its details collapsed. Each
 * panel says what it drew on `data-series` (label, colour key, colour, bars or line).
 */
export function panelsFigure(spec: PanelsSpec, book: ChartBook): HTMLElement {
  const yRange = sharedRange(spec);
  let drawnOnce: () => void = () => undefined;
  book.drawn.push(new Promise<void>((resolve) => (drawnOnce = resolve)));
  let left = spec.panels.length;
  const panels = spec.panels.map((p) => {
    const box = h('div', { class: 'plot' });
    const el = h(
      'div',
      {
        class: 'panel',
        'data-of': p.of,
        'data-title': `${spec.title}: ${p.title}`,
        'data-series': JSON.stringify(
          p.series.map((s) => ({
            label: s.label,
            key: s.key,
            color: colorOf(s.key),
            draw: s.draw,
            dash: s.dash,
            fill: s.fill,
          })),
        ),
      },
      h('div', { class: 'panel-title', title: p.title }, p.title),
      box,
    );
    return { p, box, el };
  });
  const fig = h(
    'figure',
    {
      class: 'panels',
      id: spec.id,
      'data-figure': spec.id,
      'data-chart': spec.title,
      'data-axes': spec.axes ?? 'ordinal',
    },
    h(
      'figcaption',
      {},
      h('span', { class: 'fig-title' }, spec.title),
      spec.caption ? h('span', { class: 'fig-caption muted' }, ` ${spec.caption}`) : null,
    ),
    legend(spec),
    h(
      'div',
      { class: 'panel-grid', style: `--panels:${spec.panels.length}` },
      panels.map((x) => x.el),
    ),
    spec.notes ?? null,
    h(
      'div',
      { class: 'fig-tools' },
      figureExport(spec),
      h(
        'button',
        {
          type: 'button',
          class: 'save-svg',
          title: 'Save this figure as an SVG image, drawn from the same numbers, with its title, legend and run ids',
          onclick: () => saveSvg(spec, charts, gridEl),
        },
        'Save SVG',
      ),
      ...(spec.details ?? []),
    ),
  );
  const gridEl = fig.querySelector<HTMLElement>('.panel-grid')!;
  const charts: { panel: Panel; u: uPlot; el: HTMLElement }[] = [];
  for (const { p, box, el } of panels) {
    const u = panelChart(spec, p, yRange, book, box, (chart) => {
      if (el.dataset.drawn) return;
      el.dataset.drawn = '1';
      // What the chart drew on, for tests and readers of the DOM: log or linear, per axis.
      const distr = (k: 'x' | 'y') => (chart.scales[k]?.distr === 3 ? 'log' : 'linear');
      el.dataset.scales = `x:${distr('x')},y:${distr('y')}`;
      if (--left === 0) {
        fig.dataset.drawn = '1';
        drawnOnce();
      }
    });
    charts.push({ panel: p, u, el: box });
  }
  return fig;
}

/** Download the figure as SVG: each chart placed where its plot box sits in the grid. */
function saveSvg(spec: PanelsSpec, charts: { panel: Panel; u: uPlot; el: HTMLElement }[], grid: HTMLElement): void {
  const g = grid.getBoundingClientRect();
  const drawn: DrawnPanel[] = charts.map(({ panel, u, el }) => {
    const b = el.getBoundingClientRect();
    return { panel, u, box: { left: b.left - g.left, top: b.top - g.top, width: b.width, height: b.height } };
  });
  const svg = figureSvg(spec, drawn, ink(), getComputedStyle(document.body).getPropertyValue('--bg').trim() || '#fff');
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const a = h('a', { href: url, download: `${spec.id}.svg` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
