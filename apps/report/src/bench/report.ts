#!/usr/bin/env node
// The report's own figures: merge-and-serve time of /api/results over 1,000 result files, and
// the page's time to draw every chart in Chromium. Medians over RUNS runs; loopback only.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeResult, type ResultFile, resultFileName } from '@tvp/core';
import { median } from '@tvp/core/analysis';
import { createApp } from '../app.ts';
import { listen } from '../serve.ts';
import { launchChromium } from './chromium.ts';
import { makeResult, twoRuntimes } from './synthetic.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FILES = 1000;

/** 1,000 runs: 4 machines x 2 runtimes, 1..8 sweeps with a few extended ones, spread over days. */
function thousand(): ResultFile[] {
  return Array.from({ length: FILES }, (_, i) =>
    makeResult({
      runtime: i % 2 ? 'bun' : 'node',
      label: `machine-${i % 4}`,
      seed: i + 1,
      id: `bench-${i}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
      ...(i % 50 === 0 ? { workers: [1, 2, 4, 8, 16, 32, 64], repeat: 3 } : {}),
    }),
  );
}

async function folder(results: ResultFile[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tvp-bench-'));
  await Promise.all(results.map((r) => writeFile(path.join(dir, resultFileName(r)), encodeResult(r))));
  return dir;
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

/** GET /api/results over a socket: cold (a fresh server decodes every file) and warm (cached). */
async function serveFigures(dir: string) {
  const cold: number[] = [];
  const warm: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const server = await listen(createApp({ resultsDir: dir, log: () => undefined }), '127.0.0.1', 0);
    const get = async () => {
      const res = await fetch(`${server.url}/api/results`);
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      bytes = body.byteLength;
    };
    cold.push(await timed(get));
    warm.push(await timed(get));
    await server.close();
  }
  return { cold: median(cold), warm: median(warm), bytes };
}

/** Page loads in Chromium until every chart has drawn: from navigation start, and render alone. */
async function drawFigures(dir: string) {
  const server = await listen(createApp({ resultsDir: dir, log: () => undefined }), '127.0.0.1', 0);
  const browser = await launchChromium();
  const total: number[] = [];
  const render: number[] = [];
  let charts = 0;
  try {
    await (await fetch(`${server.url}/api/results`)).arrayBuffer(); // decode once; time the page
    for (let i = 0; i < RUNS + 1; i++) {
      const page = await browser.newPage({ viewport: { width: 1320, height: 1000 } });
      await page.goto(server.url);
      // Strings, not functions: they run in the page, and this file is compiled without DOM types.
      await page.waitForFunction('Number(document.body.dataset.drawn) > 0', null, { timeout: 60_000 });
      const d = (await page.evaluate('({ ...document.body.dataset })')) as Record<string, string>;
      await page.close();
      if (i === 0) continue; // the first load warms Chromium's caches
      total.push(Number(d.drawnAt));
      render.push(Number(d.renderMs));
      charts = Number(d.drawn);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { total: median(total), render: median(render), charts };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const big = await folder(thousand());
const small = await folder(twoRuntimes());
try {
  const serve = await serveFigures(big);
  console.log(
    `GET /api/results, ${FILES} files (${(serve.bytes / 1024 / 1024).toFixed(1)} MiB of JSON), median of ${RUNS}:`,
  );
  console.log(`  cold (fresh server, decode + merge + serve): ${ms(serve.cold)}   warm (cached): ${ms(serve.warm)}`);
  for (const [name, dir] of [
    ['5 runs, 2 runtimes, 1 machine', small],
    [`${FILES} runs, 2 runtimes, 4 machines`, big],
  ] as const) {
    const draw = await drawFigures(dir);
    console.log(`page in Chromium, ${name}: ${draw.charts} charts, median of ${RUNS}:`);
    console.log(
      `  navigation start to all charts drawn: ${ms(draw.total)}   render and draw alone: ${ms(draw.render)}`,
    );
  }
} finally {
  await rm(big, { recursive: true, force: true });
  await rm(small, { recursive: true, force: true });
}
