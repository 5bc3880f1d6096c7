#!/usr/bin/env node
// The report's own figures (issue 13), at 1,000 and 10,000 synthetic runs, medians of BENCH_RUNS:
// the index (the server's first read of the folder, beyond an empty folder's start), the server's
// memory after it and after page loads, GET /api/index and /api/results, and the page's charts in
// Chromium. The server runs in a child process (REPORT_CLI: this build's, or a base commit's), so
// its memory is its own. Loopback only.
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { median } from '@tvp/core/analysis';
import { type ChildServer, REPORT_CLI, startServer } from './child-server.ts';
import { launchChromium } from './chromium.ts';
import { FOLDERS, writeFolder } from './folders.ts';

const RUNS = Math.max(2, Number(process.env.BENCH_RUNS ?? 3));
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
/** `server`, `page` or both (the default): the page alone is quicker to repeat on a busy machine. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'server,page').split(','));

const ms = (x: number) => `${x.toFixed(0)} ms`;
const mib = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MiB`;
const load = () =>
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;

async function timedGet(url: string): Promise<{ ms: number; bytes: number; body: ArrayBuffer }> {
  const t0 = performance.now();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return { ms: performance.now() - t0, bytes: body.byteLength, body };
}

/** Every run through GET /api/results: one request on a server without pages, else following `next`. */
async function everyRun(server: ChildServer): Promise<{ ms: number; bytes: number; requests: number }> {
  const t0 = performance.now();
  let bytes = 0;
  let requests = 0;
  let url: string | undefined = `${server.url}/api/results`;
  while (url) {
    const got = await timedGet(url);
    bytes += got.bytes;
    requests++;
    const next = (JSON.parse(new TextDecoder().decode(got.body)) as { next?: string | null }).next;
    url = next ? `${server.url}/api/results?cursor=${encodeURIComponent(next)}` : undefined;
  }
  return { ms: performance.now() - t0, bytes, requests };
}

/** Fresh servers: start (index), memory after it, the index, the first /api/results, and once every run. */
async function serverFigures(dir: string, emptyDir: string) {
  const empty: number[] = [];
  const start: number[] = [];
  const rss: number[] = [];
  const index: number[] = [];
  const first: number[] = [];
  let indexBytes = 0;
  let firstBytes = 0;
  let all = { ms: 0, bytes: 0, requests: 0 };
  for (let i = 0; i < RUNS; i++) {
    const e = await startServer(emptyDir);
    empty.push(e.startMs);
    await e.close();
    const server = await startServer(dir);
    try {
      start.push(server.startMs);
      rss.push(await server.rss());
      const idx = await timedGet(`${server.url}/api/index`);
      index.push(idx.ms);
      indexBytes = idx.bytes;
      const res = await timedGet(`${server.url}/api/results`);
      first.push(res.ms);
      firstBytes = res.bytes;
      if (i === 0) all = await everyRun(server);
    } finally {
      await server.close();
    }
  }
  return {
    // The first start reads every file; a server that saves its index starts again from it.
    cold: start[0]! - median(empty),
    restart: median(start.slice(1)) - median(empty),
    rss: median(rss),
    index: median(index),
    indexBytes,
    first: median(first),
    firstBytes,
    all,
  };
}

/** Page loads in Chromium until every chart of the first render has drawn, and the server's memory after. */
async function pageFigures(dir: string) {
  const server = await startServer(dir);
  const browser = await launchChromium();
  const firstChart: number[] = [];
  const total: number[] = [];
  const render: number[] = [];
  let charts = 0;
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const page = await browser.newPage({ viewport: { width: 1320, height: 1000 } });
      await page.goto(server.url);
      // Strings, not functions: they run in the page, and this file is compiled without DOM types.
      // The first chart (a chart figure, or a panel of a figure of panels): polled every frame, so it
      // reads the same on a page that does not say it.
      const first = await page.waitForFunction(
        'document.querySelector(\'figure.chart[data-drawn="1"], .panel[data-drawn="1"]\') ? performance.now() : 0',
        null,
        { timeout: 120_000, polling: 'raf' },
      );
      const firstAt = Number(await first.jsonValue());
      await page.waitForFunction('Number(document.body.dataset.drawn) > 0', null, { timeout: 120_000 });
      const d = (await page.evaluate('({ ...document.body.dataset })')) as Record<string, string>;
      await page.close();
      if (i === 0) continue; // the first load warms Chromium's caches and the server's
      // A page that draws every chart in one task shows its first when it shows them all.
      firstChart.push(Math.min(firstAt, Number(d.drawnAt)));
      total.push(Number(d.drawnAt));
      render.push(Number(d.renderMs));
      charts = Number(d.drawn);
    }
    return {
      first: median(firstChart),
      total: median(total),
      render: median(render),
      charts,
      rss: await server.rss(),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

console.log(`report bench: server ${REPORT_CLI}, medians of ${RUNS}; ${load()}`);
const empty = await writeFolder({ runs: 0, machines: 1, runtimes: ['node'], everyMs: 0 });
try {
  for (const size of SIZES) {
    const spec = FOLDERS[size];
    if (!spec) throw new Error(`BENCH_SIZES: no folder of ${size} runs (have ${Object.keys(FOLDERS).join(', ')})`);
    const folder = await writeFolder(spec);
    try {
      console.log(
        `\n${size} runs, ${spec.machines} machines, ${spec.runtimes.length} runtimes (${mib(folder.bytes)} of files); ${load()}`,
      );
      if (PARTS.has('server')) {
        const s = await serverFigures(folder.dir, empty.dir);
        console.log(
          `  index, beyond an empty folder's start: first start ${ms(s.cold)}, restarts ${ms(s.restart)} (median of ${RUNS - 1})`,
        );
        console.log(`  server RSS after the index: ${s.rss.toFixed(0)} MiB`);
        console.log(`  GET /api/index: ${ms(s.index)} (${mib(s.indexBytes)})`);
        console.log(`  GET /api/results (no query): ${ms(s.first)} (${mib(s.firstBytes)})`);
        console.log(
          `  every run through /api/results: ${ms(s.all.ms)}, ${s.all.requests} request(s), ${mib(s.all.bytes)}`,
        );
      }
      if (PARTS.has('page')) {
        const p = await pageFigures(folder.dir);
        console.log(
          `  page in Chromium, ${p.charts} charts: navigation start to the first chart ${ms(p.first)}, to all ${ms(p.total)} (render and draw alone ${ms(p.render)})`,
        );
        console.log(`  server RSS after ${RUNS + 1} page loads: ${p.rss.toFixed(0)} MiB; ${load()}`);
      }
    } finally {
      await rm(folder.dir, { recursive: true, force: true });
    }
  }
} finally {
  await rm(empty.dir, { recursive: true, force: true });
}
