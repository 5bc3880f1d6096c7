#!/usr/bin/env node
// The report page's shape on the page fixture (four runtimes' default runs and a Node extended
// sweep): where the first chart starts at 1400x900 and 390x844, page height and width, visible
// words, charts and series per chart. REPORT_CLI picks the build measured (this one, or a base's).
import { rm } from 'node:fs/promises';
import { REPORT_CLI, startServer } from './child-server.ts';
import { launchChromium } from './chromium.ts';
import { writeRuns } from './folders.ts';
import { collapsedShape, pageShape } from './page-metrics.ts';
import { fourRuntimes } from './synthetic.ts';

const folder = await writeRuns(fourRuntimes());
const server = await startServer(folder.dir);
const browser = await launchChromium();
console.log(`page shape: server ${REPORT_CLI}, ${fourRuntimes().length} runs (four runtimes, one extended sweep)`);
try {
  for (const viewport of [
    { width: 1400, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const page = await browser.newPage({ viewport });
    await page.goto(server.url);
    await page.waitForFunction('Number(document.body.dataset.drawn) > 0', null, { timeout: 60_000 });
    const asLoaded = await pageShape(page);
    const closed = await collapsedShape(page);
    const series = asLoaded.charts.map((c) => c.series.length);
    const repeated = asLoaded.charts.filter((c) => new Set(c.series.map((s) => s.color)).size < c.series.length);
    console.log(
      `${viewport.width}x${viewport.height}: first chart at ${asLoaded.firstChartTop} px (${(asLoaded.firstChartTop / viewport.height).toFixed(1)} screens), verdict grid at ${asLoaded.gridTop} px, page ${asLoaded.height} px high, ${asLoaded.width} px wide`,
    );
    console.log(
      `  words: ${asLoaded.words} as loaded, ${closed.words} with every <details> closed; ${asLoaded.charts.length} charts, series per chart max ${Math.max(0, ...series)}, ${series.filter((n) => n > 6).length} charts over 6, ${repeated.length} charts repeat a colour`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(folder.dir, { recursive: true, force: true });
}
