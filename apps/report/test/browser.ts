import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultFile } from '@tvp/core';
import type { Browser, ElementHandle, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApp } from '../src/app.ts';
import { launchChromium } from '../src/bench/chromium.ts';
import { type Listening, listen } from '../src/serve.ts';
import { tempDir, writeResults } from './fixtures.ts';

/** Screenshots and saved figures from the browser tests: a folder git ignores, for a reviewer. */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** The two windows every page test looks through: a desktop's and a phone's. */
export const SIZES = [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The report server on a fresh folder holding `runs` (its `dir`); `prepare` adds files before it starts. */
export async function serveResults(
  runs: ResultFile[],
  opts: { firstRun?: string; prepare?: (dir: string) => Promise<void> } = {},
): Promise<Listening & { dir: string }> {
  const dir = await tempDir();
  await writeResults(dir, runs);
  await opts.prepare?.(dir);
  const app = createApp({
    resultsDir: dir,
    log: () => undefined,
    ...(opts.firstRun ? { firstRun: opts.firstRun } : {}),
  });
  return { ...(await listen(app, '127.0.0.1', 0)), dir };
}

/** What a describe's browser tests share: Chromium, and the server on the runs' folder. */
export interface ReportInChromium {
  browser: Browser;
  server: Listening;
  /** The folder the server reads. */
  dir: string;
}

/**
 * Chromium and a report server on `runs`, started before the describe's tests and closed after them,
 * so a failed test never leaves either behind. `prepare` adds files to the folder before the server
 * starts; `chromiumArgs` go to Chromium after the defaults.
 */
export function reportInChromium(
  runs: () => ResultFile[],
  opts: { prepare?: (dir: string) => Promise<void>; chromiumArgs?: readonly string[] } = {},
): ReportInChromium {
  const fixture = {} as ReportInChromium;
  beforeAll(async () => {
    const served = await serveResults(runs(), opts);
    fixture.server = served;
    fixture.dir = served.dir;
    fixture.browser = await launchChromium(opts.chromiumArgs);
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.close();
  });
  return fixture;
}

/**
 * Open a page at a size and wait until it has drawn; console errors and page errors are collected.
 * `offline` for an exported file, `colorScheme` for the dark page.
 */
export async function openAt(
  browser: Browser,
  url: string,
  size: { width: number; height: number },
  opts: { offline?: boolean; colorScheme?: 'light' | 'dark' } = {},
) {
  const ctx = await browser.newContext({ viewport: size, ...opts });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => Number(document.body.dataset.drawn) > 0, null, { timeout: 20_000 });
  return { page, errors, close: () => ctx.close() };
}

/** Open every machine's "more figures" (built when first opened) and wait until its charts have drawn. */
export async function moreFigures(page: Page): Promise<void> {
  await page.$$eval('details.more-figures', (ds) => {
    for (const d of ds) (d as HTMLDetailsElement).open = true;
  });
  await page.waitForFunction(() => {
    const figs = [...document.querySelectorAll('details.more-figures figure.chart')];
    return figs.length > 0 && figs.every((f) => (f as HTMLElement).dataset.drawn === '1');
  });
}

/** Save a screenshot of a page or an element into ARTIFACTS as `name`. */
export async function screenshot(
  of: Page | ElementHandle,
  name: string,
  opts: { fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } } = {},
): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await of.screenshot({ path: path.join(ARTIFACTS, name), ...opts });
}

/**
 * Download a figure's PNG and SVG into ARTIFACTS as `id`.png and `id`.svg: the PNG is wider than
 * its panels and taller than them with room for title, legend and ids, and the SVG loads as an
 * image. Returns the SVG's text.
 */
export async function saves(page: Page, selector: string, id: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const png = page.waitForEvent('download');
  await page.click(`${selector} button.save-png`);
  const pngFile = await png;
  expect(pngFile.suggestedFilename()).toBe(`${id}.png`);
  const pngPath = path.join(ARTIFACTS, `${id}.png`);
  await pngFile.saveAs(pngPath);
  const bytes = await readFile(pngPath);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  const grid = await page.$eval(`${selector} .panel-grid`, (g) => g.getBoundingClientRect());
  expect(bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(Math.floor(grid.width));
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(grid.height + 60);
  const svg = page.waitForEvent('download');
  await page.click(`${selector} button.save-svg`);
  const svgFile = await svg;
  expect(svgFile.suggestedFilename()).toBe(`${id}.svg`);
  const svgPath = path.join(ARTIFACTS, `${id}.svg`);
  await svgFile.saveAs(svgPath);
  const text = await readFile(svgPath, 'utf8');
  const ok = await page.evaluate(
    (t) =>
      new Promise<boolean>((resolve) => {
        const img = new Image();
        img.onload = () => resolve(img.width > 0);
        img.onerror = () => resolve(false);
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(t)}`;
      }),
    text,
  );
  expect(ok).toBe(true);
  return text;
}
