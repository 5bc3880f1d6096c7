/** The chart height for a width: small panels flatter, never under 180 px. */
export const heightFor = (width: number): number => Math.max(180, Math.min(260, Math.round(width * 0.62)));

/** The narrowest panel, px: the page's CSS grid uses the same (style.ts). */
export const PANEL_MIN = 300;

/** The widest panel, px: a lone panel uses the row up to this (style.ts caps the grid the same). */
export const PANEL_MAX = 720;

/** The width a chart starts at before it is laid out: its box's, else a guess from the window. */
export function startWidth(box: HTMLElement, columns = 1): number {
  if (box.isConnected && box.clientWidth > 0) return box.clientWidth;
  // main is at most 1400 px wide with 16 px of padding a side; panels are at least PANEL_MIN wide.
  const main = Math.min(document.documentElement.clientWidth || window.innerWidth, 1400) - 32;
  const cols = Math.max(1, Math.min(columns, Math.floor((main + 12) / (PANEL_MIN + 12))));
  return Math.max(200, Math.min(PANEL_MAX, Math.floor((main - 12 * (cols - 1)) / cols)));
}

const observed = new WeakMap<Element, uPlot>();
let observer: ResizeObserver | undefined;

/**
 * Keep a chart as wide as its box: one observer for the page; a chart is resized only when its
 * box's width differs from the chart's by a pixel or more, so the first layout costs no redraw
 * when the guess was right.
 */
export function followWidth(box: HTMLElement, chart: uPlot): void {
  observer ??= new ResizeObserver((entries) => {
    for (const e of entries) {
      const u = observed.get(e.target);
      const w = Math.floor(e.contentRect.width);
      if (!u || w <= 0 || Math.abs(w - u.width) < 1) continue;
      u.setSize({ width: w, height: heightFor(w) });
    }
  });
  observed.set(box, chart);
  observer.observe(box);
}

/** Stop following a chart's box (its chart is being destroyed). */
export function unfollow(box: HTMLElement): void {
  observer?.unobserve(box);
  observed.delete(box);
}
