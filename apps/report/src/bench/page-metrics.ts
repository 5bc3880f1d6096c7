import type { Page } from 'playwright-core';

/** One chart as the page drew it: its series' labels and colours. */
export interface ChartShape {
  title: string;
  /** `fill: 'hollow'` is a bar's second cue (a warm pool beside its cold one): a look of its own. */
  series: { label: string; color: string; key?: string; fill?: string }[];
}

/** What a reader meets on the page: where things start, how much there is to read. */
export interface PageShape {
  viewport: { width: number; height: number };
  /** Top of the first drawn chart and of the verdict grid, px from the top of the document (-1: none). */
  firstChartTop: number;
  gridTop: number;
  /** Document height and width, px. */
  height: number;
  width: number;
  /** Words of rendered text (collapsed parts are not rendered, so not counted). */
  words: number;
  charts: ChartShape[];
}

// Runs in the page, as a string: this file is compiled without DOM types. A chart is a uPlot
// canvas; its series come from the panel's data-series (this page), else its figure's legend.
const MEASURE = `(() => {
  const top = (el) => (el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : -1);
  const charts = [...document.querySelectorAll('.uplot')].map((u) => {
    const panel = u.closest('[data-series]');
    const fig = u.closest('figure');
    const title = (panel && panel.getAttribute('data-title')) || (fig && fig.getAttribute('data-chart')) || '';
    if (panel) return { title, series: JSON.parse(panel.getAttribute('data-series')) };
    const series = fig
      ? [...fig.querySelectorAll('.legend span')].map((s) => {
          const i = s.querySelector('i');
          return { label: s.textContent || '', color: i ? getComputedStyle(i).backgroundColor || i.style.background : '' };
        })
      : [];
    return { title, series };
  });
  const text = document.body.innerText || '';
  return {
    viewport: { width: window.innerWidth, height: window.innerHeight },
    firstChartTop: top(document.querySelector('.uplot')),
    gridTop: top(document.querySelector('.verdicts')),
    height: document.documentElement.scrollHeight,
    width: document.documentElement.scrollWidth,
    words: text.split(/\\s+/).filter((w) => /[\\p{L}\\p{N}]/u.test(w)).length,
    charts,
  };
})()`;

/** Measure the page as it stands (call after it has drawn). */
export const pageShape = (page: Page): Promise<PageShape> => page.evaluate(MEASURE) as Promise<PageShape>;

/** Close every open <details> (the reader's collapsed view), then measure. */
export async function collapsedShape(page: Page): Promise<PageShape> {
  await page.evaluate('document.querySelectorAll("details[open]").forEach((d) => d.removeAttribute("open"))');
  return pageShape(page);
}
