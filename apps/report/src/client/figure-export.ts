import { h } from './dom.ts';
import { alpha, HOLLOW_ALPHA } from './palette.ts';
import { wrapLines } from './wrap-text.ts';

/** What a saved image carries besides the panels: the figure's words. */
interface Saved {
  id: string;
  title: string;
  caption?: string;
  runIds: string[];
}

const PAD = 12;
const LINE = 18;
const TITLE_FONT = '600 14px system-ui, sans-serif';
const TEXT_FONT = '12px system-ui, sans-serif';
const FOOT_FONT = '11px system-ui, sans-serif';

/**
 * Draw a figure into one canvas: its title and caption, its legend (HTML on the page, so drawn
 * here from its swatches), every panel with its title at the place it has on the page, and the
 * ids of the runs drawn, so an image pasted elsewhere still says where it came from.
 */
export function figureCanvas(fig: HTMLElement, saved: Saved): HTMLCanvasElement {
  const dpr = window.devicePixelRatio || 1;
  const grid = fig.querySelector<HTMLElement>('.panel-grid')!;
  const gridBox = grid.getBoundingClientRect();
  const style = getComputedStyle(document.body);
  const fg = style.getPropertyValue('--fg').trim() || '#1d232b';
  const bg = style.getPropertyValue('--bg').trim() || '#ffffff';
  const width = Math.max(gridBox.width, 320) + 2 * PAD;
  const legendItems = [...fig.querySelectorAll<HTMLElement>('.legend span')].map((s) => ({
    text: s.textContent ?? '',
    color: s.dataset.color ?? fg,
    bar: s.dataset.draw === 'bars',
    hollow: s.dataset.fill === 'hollow',
    dash: s.dataset.dash ? s.dataset.dash.split(',').map(Number) : [],
  }));
  // Legend rows, laid out in the image's own width.
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = TEXT_FONT;
  const rows: ((typeof legendItems)[number] & { x: number })[][] = [[]];
  let x = PAD;
  for (const item of legendItems) {
    const w = 18 + measure.measureText(item.text).width + 14;
    if (x + w > width - PAD && rows[rows.length - 1]!.length > 0) {
      rows.push([]);
      x = PAD;
    }
    rows[rows.length - 1]!.push({ ...item, x });
    x += w;
  }
  // The title and caption wrap within the image, as on the page: a narrow figure's are several
  // lines, and the image grows by them instead of cutting them at its edge.
  measure.font = TITLE_FONT;
  const titleLines = wrapLines(measure, saved.title, width - 2 * PAD);
  measure.font = TEXT_FONT;
  const captionLines = saved.caption ? wrapLines(measure, saved.caption, width - 2 * PAD) : [];
  const head = PAD + (titleLines.length + captionLines.length + rows.length) * LINE + 6;
  measure.font = FOOT_FONT;
  const runLines = wrapLines(measure, `runs: ${saved.runIds.join(', ')}`, width - 2 * PAD);
  const foot = runLines.length * LINE + PAD;
  const height = head + gridBox.height + foot;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(dpr, dpr);
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = fg;
  ctx.textBaseline = 'middle';
  let y = PAD - LINE / 2;
  ctx.font = TITLE_FONT;
  for (const line of titleLines) {
    y += LINE;
    ctx.fillText(line, PAD, y);
  }
  ctx.font = TEXT_FONT;
  for (const line of captionLines) {
    y += LINE;
    ctx.fillText(line, PAD, y);
  }
  for (const row of rows) {
    y += LINE;
    for (const item of row) {
      if (item.bar && item.hollow) {
        ctx.fillStyle = alpha(item.color, HOLLOW_ALPHA);
        ctx.fillRect(item.x, y - 5, 14, 10);
        ctx.strokeStyle = item.color;
        ctx.lineWidth = 2;
        ctx.strokeRect(item.x + 1, y - 4, 12, 8);
      } else if (item.bar) {
        ctx.fillStyle = item.color;
        ctx.fillRect(item.x, y - 5, 14, 10);
      } else {
        ctx.strokeStyle = item.color;
        ctx.lineWidth = 2;
        ctx.setLineDash(item.dash);
        ctx.beginPath();
        ctx.moveTo(item.x, y);
        ctx.lineTo(item.x + 14, y);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.fillStyle = fg;
      ctx.fillText(item.text, item.x + 18, y);
    }
  }
  for (const panel of grid.querySelectorAll<HTMLElement>('.panel')) {
    const title = panel.querySelector<HTMLElement>('.panel-title');
    if (title) {
      // In the font and width the page gives it, over the lines the page gave it: its plot sits below them.
      const tb = title.getBoundingClientRect();
      const cs = getComputedStyle(title);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      ctx.fillStyle = fg;
      const size = Number.parseFloat(cs.fontSize) || 12;
      const lines = wrapLines(ctx, title.textContent ?? '', tb.width);
      const step = Math.min(size * 1.4, tb.height / lines.length);
      for (const [k, line] of lines.entries())
        ctx.fillText(line, PAD + tb.left - gridBox.left, head + tb.top - gridBox.top + step * (k + 0.5));
    }
    const plot = panel.querySelector('canvas');
    if (!plot) continue;
    const pb = plot.getBoundingClientRect();
    ctx.drawImage(plot, PAD + pb.left - gridBox.left, head + pb.top - gridBox.top, pb.width, pb.height);
  }
  ctx.font = FOOT_FONT;
  ctx.fillStyle = fg;
  for (const [k, line] of runLines.entries()) ctx.fillText(line, PAD, head + gridBox.height + LINE * (k + 0.5));
  return canvas;
}

/** A "save as PNG" button for a figure: the image as a download named after the figure. */
export function figureExport(saved: Saved): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'save-png',
      title: 'Save this figure as a PNG image, with its title, legend and run ids',
      onclick: (e) => {
        const fig = (e.target as HTMLElement).closest('figure')!;
        const a = h('a', {
          href: figureCanvas(fig, saved).toDataURL('image/png'),
          download: `${saved.id}.png`,
        });
        document.body.append(a);
        a.click();
        a.remove();
      },
    },
    'Save PNG',
  );
}
