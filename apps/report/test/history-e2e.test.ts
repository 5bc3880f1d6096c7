import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAt, reportInChromium } from './browser.ts';
import { cellMedian, historyRuns } from './history-fixtures.ts';

/** The history figure of one machine and runtime: drawn, painted, its rows (table opened) and their medians. */
async function historyState(page: Page, machine: string, runtime: string) {
  const fig = `section.history[data-machine="${machine}"] .history-slot[data-runtime="${runtime}"] figure.history`;
  // The table is built when first opened.
  await page.$eval(`${fig} details`, (d) => {
    (d as HTMLDetailsElement).open = true;
  });
  await page.waitForFunction((sel) => document.querySelector(`${sel} tbody tr`) !== null, fig);
  return page.$eval(fig, (f) => {
    const canvas = f.querySelector('canvas')!;
    const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) painted++;
    const head = [...f.querySelectorAll('thead th')].map((th) => th.textContent);
    const rows = [...f.querySelectorAll('tbody tr')].map((tr) => ({
      run: tr.getAttribute('data-run'),
      marked: tr.classList.contains('incomparable'),
      ms: [...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-ms')),
      text: tr.textContent,
    }));
    const el = f as HTMLElement;
    return { drawn: el.dataset.drawn === '1', changes: Number(el.dataset.changes), painted, head, rows };
  });
}

describe('the history chart in headless Chromium', () => {
  const report = reportInChromium(historyRuns);

  it('draws each machine and runtime over time; its points are the stored medians; other work is marked', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, { width: 1320, height: 1000 });
    // History is built when its disclosure is first opened.
    await page.$$eval('details.history-box', (ds) => {
      for (const d of ds) (d as HTMLDetailsElement).open = true;
    });
    await page.waitForFunction(() => document.querySelectorAll('figure.history[data-drawn="1"]').length > 0);

    const io = await historyState(page, 'ci-box', 'node');
    expect(io.drawn).toBe(true);
    expect(io.painted).toBeGreaterThan(500);
    expect(io.changes).toBe(0);
    expect(io.rows.map((r) => r.run)).toEqual(['old-0', 'old-1', 'old-2', 'new-3', 'new-4', 'new-5']);
    expect(io.rows.some((r) => r.marked)).toBe(false);
    const threads = io.head.indexOf('threads/worker_threads x8');
    expect(threads).toBeGreaterThan(1);
    const stored = historyRuns().slice(0, 6);
    expect(io.rows.map((r) => Number(r.ms[threads]))).toEqual(stored.map((r) => cellMedian(r, 'io', 'threads', 8)));
    expect((await historyState(page, 'other-box', 'bun')).rows.map((r) => r.run)).toEqual(['elsewhere']);

    // cpu: the three old runs did 2,000,000 rounds, the latest 6,000,000.
    await page.selectOption('section.history[data-machine="ci-box"] select.history-task', 'cpu');
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>(
          'section.history[data-machine="ci-box"] figure.history[data-changes="1"][data-drawn="1"]',
        ) !== null,
      null,
      { timeout: 15_000 },
    );
    const cpu = await historyState(page, 'ci-box', 'node');
    expect(cpu.painted).toBeGreaterThan(500);
    expect(cpu.changes).toBe(1);
    expect(cpu.rows.map((r) => r.marked)).toEqual([true, true, true, false, false, false]);
    expect(cpu.rows[0]!.text).toContain('no: cpuIters 2,000,000 vs 6,000,000');
    const processes = cpu.head.indexOf('processes/child_process x8');
    expect(cpu.rows.map((r) => Number(r.ms[processes]))).toEqual(
      stored.map((r) => cellMedian(r, 'cpu', 'processes', 8)),
    );

    // One chosen cell: a single line, its medians those of the stored runs.
    await page.selectOption('section.history[data-machine="ci-box"] select.history-cell', 'threads|worker_threads|2');
    await page.waitForFunction(
      () => {
        const f = document.querySelector('section.history[data-machine="ci-box"] figure.history[data-drawn="1"]');
        return f?.querySelector('thead')?.textContent?.includes('threads/worker_threads x2') === true;
      },
      null,
      { timeout: 15_000 },
    );
    const one = await historyState(page, 'ci-box', 'node');
    expect(one.head).toHaveLength(4);
    expect(one.rows.map((r) => Number(r.ms[2]))).toEqual(stored.map((r) => cellMedian(r, 'cpu', 'threads', 2)));
    expect(errors).toEqual([]);
    await close();
  });
});
