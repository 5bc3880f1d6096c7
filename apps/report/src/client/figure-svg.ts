import { alpha, colorOf, HOLLOW_ALPHA } from './palette.ts';
import { logTicks, spacedLabels, xAt } from './panel-scales.ts';
import type { Panel, PanelsSpec } from './panel-spec.ts';
import { wrapLines } from './wrap-text.ts';

/** A drawn panel: its spec, its chart and where it sits in the figure's grid (CSS px). */
export interface DrawnPanel {
  panel: Panel;
  u: uPlot;
  box: { left: number; top: number; width: number; height: number };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number) => (Math.round(x * 10) / 10).toString();

/** A bar's paint: solid, or a light inside with an outline (a hollow bar). */
const barPaint = (c: string, fill: 'solid' | 'hollow' | undefined) =>
  fill === 'hollow' ? `fill="${alpha(c, HOLLOW_ALPHA)}" stroke="${c}" stroke-width="1.5"` : `fill="${c}"`;

/** Round steps for the y ticks: 1, 2 or 5 times a power of ten, about four of them. */
function ticks(max: number): number[] {
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(v);
  return out;
}

/**
 * The figure as an SVG drawn from the same numbers and scales as its panels (bars as rects, lines
 * as polylines, references dashed, axes and tags as text), with its title, caption, legend and run
 * ids: an image that stays sharp in a slide and whose text can be searched.
 */
export function figureSvg(spec: PanelsSpec, drawn: DrawnPanel[], fg: string, bg: string): string {
  const PAD = 12;
  const gridW = Math.max(...drawn.map((d) => d.box.left + d.box.width));
  const gridH = Math.max(...drawn.map((d) => d.box.top + d.box.height));
  const width = gridW + 2 * PAD;
  const legend = new Map<string, Panel['series'][number]>();
  for (const d of drawn) for (const s of d.panel.series) if (!legend.has(s.label)) legend.set(s.label, s);
  // Legend in rows, ~7 px a character.
  const items: { x: number; row: number; s: Panel['series'][number] }[] = [];
  let x = PAD;
  let row = 0;
  // As on the page: measured series first, then the references.
  for (const s of [...legend.values()].sort((a, b) => Number(a.tag !== undefined) - Number(b.tag !== undefined))) {
    const w = 22 + s.label.length * 7 + 14;
    if (x + w > width - PAD && x > PAD) {
      row++;
      x = PAD;
    }
    items.push({ x, row, s });
    x += w;
  }
  // The title and caption wrap within the image, as on the page, and the image grows by their lines.
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = '600 14px system-ui, sans-serif';
  const titleLines = wrapLines(measure, spec.title, width - 2 * PAD);
  measure.font = '12px system-ui, sans-serif';
  const captionLines = spec.caption ? wrapLines(measure, spec.caption, width - 2 * PAD) : [];
  const legendTop = PAD + (titleLines.length + captionLines.length) * 18;
  const head = legendTop + (row + 1) * 18 + 8;
  const height = head + gridH + 30;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="${bg}"/>`,
    ...titleLines.map(
      (line, k) =>
        `<text x="${PAD}" y="${PAD + 13 + 18 * k}" font-size="14" font-weight="600" fill="${fg}">${esc(line)}</text>`,
    ),
    ...captionLines.map(
      (line, k) => `<text x="${PAD}" y="${PAD + 13 + 18 * (titleLines.length + k)}" fill="${fg}">${esc(line)}</text>`,
    ),
  );
  for (const { x: lx, row: r, s } of items) {
    const y = legendTop + r * 18 + 12;
    const c = colorOf(s.key);
    out.push(
      s.draw === 'bars'
        ? `<rect x="${lx}" y="${y - 9}" width="12" height="10" ${barPaint(c, s.fill)}/>`
        : `<line x1="${lx}" x2="${lx + 16}" y1="${y - 4}" y2="${y - 4}" stroke="${c}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>`,
      `<text x="${lx + 20}" y="${y}" fill="${fg}">${esc(s.label)}</text>`,
    );
  }
  for (const d of drawn) {
    const { u, panel, box } = d;
    const dpr = window.devicePixelRatio || 1;
    const ox = PAD + box.left + u.bbox.left / dpr;
    const oy = head + box.top + u.bbox.top / dpr;
    const pw = u.bbox.width / dpr;
    const ph = u.bbox.height / dpr;
    const X = (v: number) => ox + u.valToPos(v, 'x');
    const Y = (v: number) => oy + u.valToPos(v, 'y');
    out.push(
      `<g><text x="${PAD + box.left}" y="${head + box.top - 4}" font-weight="600" fill="${fg}">${esc(panel.title)}</text>`,
    );
    const yMax = u.scales.y?.max ?? 0;
    const log = spec.axes === 'loglog';
    for (const t of log ? logTicks([u.scales.y?.min ?? 1, yMax]) : ticks(yMax)) {
      out.push(
        `<line x1="${n(ox)}" x2="${n(ox + pw)}" y1="${n(Y(t))}" y2="${n(Y(t))}" stroke="${fg}" stroke-opacity="0.15"/>`,
        `<text x="${n(ox - 4)}" y="${n(Y(t) + 4)}" text-anchor="end" fill="${fg}">${esc(spec.yFormat(t))}</text>`,
      );
    }
    const xLabels = log
      ? spacedLabels(
          spec.xs.map((w) => X(w)),
          spec.xs.map((w) => (spec.xFormat ?? String)(w)),
        )
      : spec.xs.map(String);
    spec.xs.forEach((_, i) => {
      const label = xLabels[i] ?? '';
      if (label === '') return;
      out.push(
        `<text x="${n(X(xAt(spec, i)))}" y="${n(oy + ph + 14)}" text-anchor="middle" fill="${fg}">${esc(label)}</text>`,
      );
    });
    out.push(
      `<text x="${n(ox + pw / 2)}" y="${n(oy + ph + 28)}" text-anchor="middle" fill="${fg}">${esc(spec.xLabel)}</text>`,
    );
    for (const s of panel.series) {
      const c = colorOf(s.key);
      if (s.draw === 'bars') {
        const slot = s.slot ?? { at: 0, of: 1 };
        const size = 0.8 / slot.of;
        s.values.forEach((v, i) => {
          if (v === null) return;
          const x0 = X(i - 0.4 + slot.at * size);
          const x1 = X(i - 0.4 + (slot.at + 1) * size);
          out.push(
            `<rect x="${n(x0)}" y="${n(Y(v))}" width="${n(Math.max(0.5, x1 - x0 - 0.5))}" height="${n(Y(0) - Y(v))}" ${barPaint(c, s.fill)}/>`,
          );
        });
        continue;
      }
      const pts = s.values.flatMap((v, i) => (v === null ? [] : [`${n(X(xAt(spec, i)))},${n(Y(v))}`]));
      out.push(
        `<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.join(' ')}"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>`,
      );
      if (s.whiskers) {
        s.values.forEach((v, i) => {
          const lo = s.whiskers?.lo[i];
          const hi = s.whiskers?.hi[i];
          const x = n(X(xAt(spec, i)));
          if (v !== null) out.push(`<circle cx="${x}" cy="${n(Y(v))}" r="2.5" fill="${c}"/>`);
          if (lo != null && hi != null)
            out.push(`<line x1="${x}" x2="${x}" y1="${n(Y(lo))}" y2="${n(Y(hi))}" stroke="${c}" stroke-width="1.5"/>`);
        });
      }
      const last = [...s.values].reverse().find((v) => v !== null);
      const first = s.values.find((v) => v !== null);
      // As on the page: on log axes under the first point at the left, else right of the plot, level with the last.
      if (s.tag && log && first != null)
        out.push(
          `<text x="${n(ox + 4)}" y="${n(Math.min(oy + ph - 3, Y(first) + 14))}" fill="${c}">${esc(s.tag)}</text>`,
        );
      else if (s.tag && last != null)
        out.push(
          `<text x="${n(ox + pw + 4)}" y="${n(Y(last))}" dominant-baseline="middle" fill="${c}">${esc(s.tag)}</text>`,
        );
    }
    out.push('</g>');
  }
  out.push(
    `<text x="${PAD}" y="${n(height - 10)}" font-size="11" fill="${fg}">runs: ${esc(spec.runIds.join(', '))}</text>`,
    '</svg>',
  );
  return out.join('\n');
}
