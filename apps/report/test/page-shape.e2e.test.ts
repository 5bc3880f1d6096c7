import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collapsedShape, pageShape } from '../src/bench/page-metrics.ts';
import { fourRuntimes, makeResult } from '../src/bench/synthetic.ts';
import { exportReport } from '../src/export.ts';
import { moreFigures, openAt, reportInChromium, SIZES, saves, screenshot } from './browser.ts';
import { checkColours } from './page-checks.ts';

/**
 * Visible words on this fixture (four runtimes' default runs and a Node extended sweep, every
 * <details> closed) on the page before it led with the answer: measured with src/bench/page-shape.ts
 * on commit 1afe57e (11,800 as loaded, 7,283 closed). The page must read in a quarter of that.
 */
const WORDS_BEFORE = 7283;

/** The article's figures: bars, one panel per runtime present, every panel painted. */
async function articlePanels(page: Page) {
  return page.$$eval('figure.article', (figs) =>
    figs.map((f) => ({
      task: f.getAttribute('data-task'),
      sweep: f.getAttribute('data-sweep'),
      drawn: (f as HTMLElement).dataset.drawn === '1',
      panels: [...f.querySelectorAll('.panel')].map((p) => {
        const canvas = p.querySelector('canvas')!;
        const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) painted++;
        return {
          of: p.getAttribute('data-of'),
          draws: (JSON.parse(p.getAttribute('data-series')!) as { draw: string; key: string }[]).map(
            (s) => `${s.key}:${s.draw}`,
          ),
          painted,
          width: canvas.getBoundingClientRect().width,
        };
      }),
    })),
  );
}

describe('the page leads with the answer: four runtimes and an extended sweep, in Chromium', () => {
  const report = reportInChromium(fourRuntimes);
  let exported: string;

  beforeAll(async () => {
    exported = path.join(report.dir, 'export', 'report.html');
    await exportReport(report.dir, exported, () => undefined);
  });

  for (const where of ['served', 'exported'] as const) {
    it(`${where}: the verdict grid and the first figure come first, at a desktop's and a phone's size`, async () => {
      const colours = new Map<string, string>();
      for (const size of SIZES) {
        const url = where === 'served' ? report.server.url : pathToFileURL(exported).href;
        const { page, errors, close } = await openAt(report.browser, url, size, { offline: where === 'exported' });
        const shape = await pageShape(page);
        expect(shape.gridTop, 'verdict grid').toBeGreaterThanOrEqual(0);
        if (size.name === 'desktop') {
          expect(shape.gridTop).toBeLessThan(900);
          expect(shape.firstChartTop).toBeLessThan(900);
        } else {
          expect(shape.gridTop).toBeLessThan(844);
          expect(shape.firstChartTop).toBeLessThan(2 * 844);
          expect(shape.width, 'document width on a phone').toBeLessThanOrEqual(size.width);
        }
        // The grid is followed at once by the headline figure.
        expect(
          await page.$eval('.verdicts', (g) => g.nextElementSibling?.matches('figure.article[data-sweep=standard]')),
        ).toBe(true);
        const grid = await page.$$eval('.verdicts tbody tr', (rs) =>
          rs.map((r) => ({ rt: r.getAttribute('data-runtime'), text: r.textContent ?? '' })),
        );
        expect(grid.map((r) => r.rt)).toEqual(['node', 'bun', 'deno', 'cpython']);
        // A choice, a worker count, a speedup with its interval in each decided cell.
        expect(grid[0]!.text).toMatch(/threads ×2 \d\.\d\dx \(\d\.\d\d–\d\.\d\dx\)worker_threads · /);
        checkColours(shape, colours);

        const figs = await articlePanels(page);
        const standard = figs.filter((f) => f.sweep === 'standard');
        expect(standard.map((f) => f.task)).toEqual(['io', 'cpu']);
        for (const f of standard) {
          expect(f.drawn).toBe(true);
          expect(f.panels.map((p) => p.of)).toEqual(['node', 'bun', 'deno', 'cpython']);
          for (const p of f.panels) {
            expect(p.draws).toContain('threads:bars');
            expect(p.draws).toContain('processes:bars');
            expect(p.draws).toEqual(expect.arrayContaining(['async:line', 'sequential:line', 'ideal:line']));
            expect(p.painted).toBeGreaterThan(1000);
            expect(p.width).toBeLessThanOrEqual(size.width);
          }
        }
        const ext = figs.filter((f) => f.sweep === 'extended');
        expect(ext.map((f) => f.panels.map((p) => p.of))).toEqual([['node'], ['node']]);
        // Panels side by side on a desktop, one above the other on a phone.
        const tops = await page.$$eval('figure.article[data-task=io][data-sweep=standard] .panel', (ps) =>
          ps.map((p) => Math.round(p.getBoundingClientRect().top)),
        );
        if (size.name === 'desktop') expect(new Set(tops).size).toBe(1);
        else expect(new Set(tops).size).toBe(4);

        const closed = await collapsedShape(page);
        expect(closed.words).toBeLessThanOrEqual(WORDS_BEFORE / 4);
        if (where === 'served')
          await screenshot(page, `report-top-${size.width}x${size.height}.png`, {
            clip: { x: 0, y: 0, width: size.width, height: size.name === 'desktop' ? 900 : 2 * 844 },
            fullPage: true,
          });
        expect(errors).toEqual([]);
        await close();
      }
    });
  }

  it('charts follow the window: each canvas as wide as its panel, before and after a resize', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, SIZES[0]);
    const fits = () =>
      page.$$eval('.panel', (ps) =>
        ps.map((p) => ({
          box: Math.round(p.querySelector('.plot')!.getBoundingClientRect().width),
          canvas: Math.round(p.querySelector('canvas')!.getBoundingClientRect().width),
        })),
      );
    const wide = await fits();
    for (const f of wide) expect(Math.abs(f.box - f.canvas)).toBeLessThanOrEqual(2);
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.waitForFunction((w) => {
      const c = document.querySelector('figure.article .panel canvas');
      return c !== null && Math.abs(c.getBoundingClientRect().width - w) > 10;
    }, wide[0]!.canvas);
    await page.waitForTimeout(100);
    const narrow = await fits();
    for (const f of narrow) expect(Math.abs(f.box - f.canvas)).toBeLessThanOrEqual(2);
    expect(narrow[0]!.canvas).not.toBe(wide[0]!.canvas);
    expect((await pageShape(page)).width).toBeLessThanOrEqual(1000);
    expect(errors).toEqual([]);
    await close();
  });

  it('a figure saves as a PNG and as an SVG with its title, legend and run ids drawn in', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, SIZES[0]);
    // The PNG is wider than one panel and taller than the panels alone (title, legend and ids are in
    // it), and the SVG loads as an image; drawn from the same numbers, its bars and words read as text.
    const svg = await saves(page, 'figure.article[data-task=io][data-sweep=standard]', 'fig-standard-io');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('IO: total time per worker count');
    for (const rt of ['Node', 'Bun', 'Deno', 'CPython']) expect(svg).toContain(`>${rt} `);
    // 4 runtimes x 8 worker counts x 2 kinds of bar, plus the legend's two swatches and the background.
    expect(svg.match(/<rect /g)?.length).toBe(4 * 8 * 2 + 2 + 1);
    const ids = await page.$$eval('.verdicts tbody tr', (rs) => rs.map((r) => r.getAttribute('data-run')));
    for (const id of ids) expect(svg).toContain(id!);
    expect(errors).toEqual([]);
    await close();
  });

  it('in a dark scheme the page turns dark and the colours stay one per mode', async () => {
    const { page, close } = await openAt(report.browser, report.server.url, SIZES[0], { colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(20, 24, 29)');
    checkColours(await pageShape(page), new Map());
    await close();
  });
});

describe('other impls and pool libraries: one colour each, never twice in a chart', () => {
  const report = reportInChromium(() => {
    // A Node run that also measured four pool libraries, a Bun run with its node-compatible impls too.
    const node = makeResult({ runtime: 'node', seed: 21 });
    const copies = (from: string, impls: string[]) =>
      impls.flatMap((impl, i) =>
        node.cells
          .filter((c) => c.impl === from)
          .map((c) => ({
            ...c,
            impl,
            samples: c.samples.map((x) => ({ ...x, totalMs: x.totalMs * (1.02 + i / 50) })),
          })),
      );
    node.cells.push(
      ...copies('worker_threads', ['piscina', 'tinypool', 'workerpool', 'poolifier']),
      ...copies('child_process', ['tinypool-process', 'workerpool-process']),
    );
    const bun = makeResult({ runtime: 'bun', seed: 22 });
    bun.cells.push(
      ...bun.cells.filter((c) => c.impl === 'web-worker').map((c) => ({ ...c, impl: 'worker_threads' })),
      ...bun.cells.filter((c) => c.impl === 'bun-spawn').map((c) => ({ ...c, impl: 'child_process' })),
    );
    return [node, bun];
  });

  it('draws them beside figure 1 in layers, and in "more figures" each in its own colour', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, SIZES[0]);
    const impls = await page.$$eval('figure.impls[data-task=io] .panel', (ps) =>
      ps.map((p) => ({
        of: p.getAttribute('data-of'),
        keys: (JSON.parse(p.getAttribute('data-series')!) as { key: string; draw: string }[]).map((s) => s.key),
      })),
    );
    expect(impls).toEqual([
      { of: 'node', keys: ['piscina', 'tinypool', 'workerpool', 'poolifier'] },
      { of: 'node', keys: ['tinypool', 'workerpool'] },
      { of: 'bun', keys: ['threads', 'processes'] },
    ]);
    const seen = new Map<string, string>();
    checkColours(await pageShape(page), seen);
    await moreFigures(page);
    // The opened figures keep every colour the top of the page gave, and split where a run has
    // more impls than a chart may show.
    const all = await pageShape(page);
    expect(all.charts.length).toBeGreaterThan(20);
    checkColours(all, seen);
    expect(all.charts.map((c) => c.title)).toContain('io: time vs workers, Node, part 3 of 3');
    expect(errors).toEqual([]);
    await close();
  });
});
