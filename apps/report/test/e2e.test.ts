import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { exportReport } from '../src/export.ts';
import { moreFigures, openAt, reportInChromium, screenshot } from './browser.ts';
import { makeResult, QUICK_BUN, twoRuntimes } from './fixtures.ts';

/** The window these tests look through (the page tests use SIZES). */
const WINDOW = { width: 1320, height: 1000 };

/** Wait until the page says every chart of its latest render has drawn. */
const drawn = (page: Page) =>
  page.waitForFunction(() => Number(document.body.dataset.drawn) > 0, null, { timeout: 15_000 });

/** Per chart: did uPlot draw it, and does its canvas hold any painted pixel. */
const chartStates = (page: Page) =>
  page.$$eval('figure.chart', (figs) =>
    figs.map((f) => {
      const canvas = f.querySelector('canvas');
      const ctx = canvas?.getContext('2d');
      const px = canvas && ctx ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : new Uint8ClampedArray();
      let painted = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) painted++;
      return { title: f.getAttribute('data-chart'), drawn: (f as HTMLElement).dataset.drawn === '1', painted };
    }),
  );

describe('the report in a real browser (headless Chromium)', () => {
  const report = reportInChromium(twoRuntimes, {
    prepare: (dir) => writeFile(path.join(dir, 'half-copied.msgpack'), Buffer.from([0x8a, 0xad])),
  });

  it('loads two runtimes, draws every chart, logs no error, and leaves a screenshot', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, WINDOW);
    await moreFigures(page);
    const charts = await chartStates(page);
    expect(charts.length).toBeGreaterThan(10);
    for (const c of charts) {
      expect(c.drawn, `${c.title} drew`).toBe(true);
      expect(c.painted, `${c.title} has pixels`).toBeGreaterThan(1000);
    }
    const titles = charts.map((c) => c.title);
    expect(titles).toContain('io: time vs workers, Node');
    expect(titles).toContain('cpu: speedup vs workers, Bun');
    expect(titles).toContain('cpu: efficiency, Node');
    expect(titles.some((t) => t?.startsWith('io: where the time goes, Node processes'))).toBe(true);
    expect(titles).toContain('cpu: Bun / Node time');
    const text = await page.textContent('main');
    expect(text).toMatch(/Node processes take 2\.\dx longer to start than threads \(95% interval 2\.\d\d–2\.\d\dx\)/);
    // The article's conclusions, checked on each runtime's run.
    expect(text).toMatch(/The article: "for CPU, threads do not help \(the GIL\)"\. On Node it does not hold/);
    expect(text).toMatch(/threads start: Bun \d+\.\dx faster than Node \(95% interval \d+\.\d–\d+\.\dx\)/);
    expect(await page.$$('p.incomparable')).toHaveLength(0);
    expect(text).toMatch(/Extended sweep/);
    expect(await page.textContent('#skipped')).toContain('half-copied.msgpack');
    expect(errors).toEqual([]);
    await screenshot(page, 'report.png', { fullPage: true });
    await screenshot(page, 'report-top.png');
    await close();
  });

  it('draws the USL curve over the measured points, the recommendation first, worker costs and a run comparison', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, WINDOW);
    await moreFigures(page);
    const fit = page
      .locator('figure.chart.fit[data-chart="io: scalability, work-time throughput with USL fits, Node"]')
      .first();
    expect(await fit.getAttribute('data-drawn')).toBe('1');
    const legend = await fit.locator('.legend').textContent();
    expect(legend).toContain('Node threads (worker_threads) measured');
    expect(legend).toContain('Node threads (worker_threads) USL fit');
    const fitRows = await fit.locator('tbody tr').allTextContents();
    expect(fitRows.some((r) => /^Node threads \(worker_threads\)\d\.\d+ ± \d\.\d+/.test(r))).toBe(true);
    // The curve is drawn: the canvas holds the dashed line's colour between the measured points.
    const states = await chartStates(page);
    const fitState = states.find((c) => c.title === 'io: scalability, work-time throughput with USL fits, Node');
    expect(fitState?.painted).toBeGreaterThan(1000);

    // The verdict grid is the first thing in the machine's section, after its heading; the
    // recommendations in full are kept further down, collapsed.
    const first = await page.$eval('section.machine > :nth-child(2)', (e) => e.className);
    expect(first).toBe('verdicts');
    const recs = await page.$$eval('.recommendations li.recommendation', (ls) =>
      ls.map((l) => ({ task: l.getAttribute('data-task'), text: l.textContent ?? '' })),
    );
    expect(recs.filter((r) => r.task === 'io').length).toBeGreaterThanOrEqual(2);
    expect(recs[0]!.text).toMatch(/^IO: .*median total, min–max: best /);
    expect(await page.locator('.recommendations a[data-format=csv]').first().getAttribute('href')).toMatch(
      /^\/api\/results\/.+\/export\?format=csv$/,
    );

    const cost = await page.locator('.worker-cost tbody tr').first().textContent();
    expect(cost).toMatch(/^Node threads \(worker_threads\)\d+(\.\d+)? ± \d/);

    const compare = page.locator('details.compare').first();
    expect(await compare.locator('table').count()).toBe(0); // nothing computed until opened
    await compare.locator('summary').click();
    await compare.locator('table').waitFor();
    const rows = await compare.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]).toMatch(
      /^io .* x1[\d.]+[\d.]+[+-]\d+\.\d%[+-]\d+\.\d% \.\. [+-]\d+\.\d%(faster|slower|equal|no difference)/,
    );
    // A run against itself: no change anywhere.
    const a = await compare.locator('select.compare-a').inputValue();
    await compare.locator('select.compare-b').selectOption(a);
    await page.waitForFunction(
      (id) => document.querySelector('details.compare .comparison')?.getAttribute('data-b') === id,
      a,
    );
    expect(await compare.locator('p.outcome').textContent()).toMatch(
      /^no cell slower beyond the noise by more than 10% \(\d+ compared\)$/,
    );
    expect(await compare.locator('tbody tr').first().textContent()).toContain('+0.0%');
    expect(errors).toEqual([]);
    await screenshot(page, 'report-decision.png', { fullPage: true });
    await close();
  });

  it('choosing a runtime or an older run changes the charts', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, WINDOW);
    const panels = () => page.$$eval('figure.article .panel', (ps) => ps.map((p) => p.getAttribute('data-of')));
    expect(await panels()).toEqual(['node', 'bun', 'node', 'bun', 'node', 'node']);
    await page.uncheck('input[name=runtime][value=bun]');
    await drawn(page);
    expect(await panels()).toEqual(['node', 'node', 'node', 'node']);
    expect(await page.textContent('.verdicts')).not.toContain('Bun');

    const table = () => page.textContent('figure.article[data-sweep=standard] details.numbers');
    const latest = await table();
    await page.click('details.runs-box > summary');
    const picker = page.locator('select.run[data-runtime=node][data-sweep=standard]');
    const options = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toHaveLength(2);
    await picker.selectOption(options[1]!);
    await drawn(page);
    expect(await table()).not.toBe(latest);
    for (const d of await page.$$eval('figure.article', (fs) => fs.map((f) => (f as HTMLElement).dataset.drawn)))
      expect(d).toBe('1');
    expect(errors).toEqual([]);
    await close();
  });

  it('the exported file opens offline from disk and draws the same charts', async () => {
    const file = path.join(report.dir, 'export', 'report.html');
    await exportReport(report.dir, file, () => undefined);
    const { page, errors, close } = await openAt(report.browser, pathToFileURL(file).href, WINDOW, { offline: true });
    await moreFigures(page);
    const charts = await chartStates(page);
    expect(charts.length).toBeGreaterThan(10);
    expect(await page.$$eval('figure.article[data-drawn="1"] .panel', (ps) => ps.length)).toBe(6);
    expect(charts.every((c) => c.drawn && c.painted > 1000)).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('runs that did different work, in Chromium: a Node default run and a Bun quick run on one machine', () => {
  const report = reportInChromium(() => [
    makeResult({ runtime: 'node', seed: 1 }),
    makeResult({ ...QUICK_BUN, workers: [...QUICK_BUN.workers], createdAt: '2026-11-20T11:00:00.000Z' }),
  ]);

  it('draws no ratio figure, says why on the page, and gives each (count, cores) its own ideal line', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, WINDOW);
    await moreFigures(page);
    const charts = await chartStates(page);
    const titles = charts.map((c) => c.title ?? '');
    expect(titles.some((t) => t.includes('/ Node time'))).toBe(false);
    expect(titles).toContain('cpu: speedup vs workers, Node');
    expect(titles).toContain('cpu: time vs workers, Bun (other work, not comparable)');
    for (const c of charts) expect(c.drawn, `${c.title} drew`).toBe(true);
    const notes = await page.$$eval('p.incomparable[data-runtime=bun]', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatch(
      /is not compared with Node run .* on cpu: count 20 vs 100; cpuIters 2,000,000 vs 6,000,000/,
    );
    const findings = await page.textContent('.finding-group:has(h4:text("against"))');
    expect(findings).toContain('Bun and Node runs cannot be compared: count 20 vs 100; ioMs 10 vs 20; cpuIters');
    expect(findings).not.toMatch(/faster|slower|equal within/);
    // Each run keeps its own ideal (count, cores) on its own chart.
    expect(await page.textContent('figure[data-chart="cpu: speedup vs workers, Node"] .legend')).toContain(
      'ideal (100 tasks, 2 cores)',
    );
    expect(await page.textContent('figure[data-chart="cpu: speedup vs workers, Bun"] .legend')).toContain(
      'ideal (20 tasks, 2 cores)',
    );
    // The cross-runtime table says why it compares nothing.
    expect(await page.textContent('details.pair[data-pair="bun/node"]')).toContain('not compared');
    // Comparing the Bun quick run with the Node default run: refused, with the reasons.
    const compare = page.locator('details.compare');
    await compare.locator('summary').click();
    await compare.locator('p.outcome').waitFor();
    const ids = await compare
      .locator('select.compare-a option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await compare.locator('select.compare-a').selectOption(ids[1]!);
    await compare.locator('select.compare-b').selectOption(ids[0]!);
    await page.waitForFunction(
      (id) => document.querySelector('details.compare .comparison')?.getAttribute('data-a') === id,
      ids[1]!,
    );
    const refused = await compare.locator('li.refused').allTextContents();
    expect(refused.join('\n')).toMatch(/^io: not compared, the runs did different work: count 100 vs 20/m);
    expect(await compare.locator('p.outcome').textContent()).toBe('nothing could be compared');
    expect(errors).toEqual([]);
    await screenshot(page, 'report-not-comparable.png', { fullPage: true });
    await close();
  });
});
