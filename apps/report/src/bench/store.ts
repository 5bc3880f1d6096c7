#!/usr/bin/env node
// The store's start (issue 16): a report server's first read of a folder of synthetic runs, and
// its memory after it, under three conditions measured in turns in one session, medians of
// BENCH_RUNS:
// - first start, no saved index, no summaries: every file decoded (what every first start did
//   before summaries, and what a folder copied in without them still costs);
// - first start, no saved index, a summary beside each file (as runners and uploads write them);
// - restart from the saved index (results/.tvp-index.json).
// BEFORE_CLI names another build's cli.js (e.g. the base commit's) to run the first and the last
// condition with it too, side by side. Figures are spawn to "listening" (printed after the first
// read), and the server's CPU time by then, less the same build's start on an empty folder. The
// servers run in child processes; loopback only.
import { rename, rm, stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { SUMMARY_DIR } from '@tvp/core';
import { median } from '@tvp/core/analysis';
import { INDEX_FILE } from '../store/persist.ts';
import { REPORT_CLI, startServer } from './child-server.ts';
import { FOLDERS, writeFolder } from './folders.ts';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
const SIZE = Number(process.env.BENCH_SIZE ?? 10_000);
const BEFORE_CLI = process.env.BEFORE_CLI;

const load = () =>
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;

const spec = FOLDERS[SIZE];
if (!spec) throw new Error(`BENCH_SIZE: no folder of ${SIZE} runs (have ${Object.keys(FOLDERS).join(', ')})`);

/** One figure per condition: the start and its CPU time beyond an empty folder's, and the server's RSS after it. */
interface Figure {
  ms: number[];
  cpuMs: number[];
  rssMiB: number[];
}
const figure = (): Figure => ({ ms: [], cpuMs: [], rssMiB: [] });

/** An empty folder's start, wall and CPU: what every start costs before it reads anything. */
interface Base {
  ms: number;
  cpuMs: number;
}

/** Start a server on `dir`, take its figures, and stop it (after `before` resolves, if given). */
async function measure(cli: string, dir: string, into: Figure, empty: Base, before?: () => Promise<void>) {
  const server = await startServer(dir, cli);
  try {
    into.cpuMs.push((await server.cpuMs()) - empty.cpuMs);
    into.ms.push(server.startMs - empty.ms);
    into.rssMiB.push(await server.rss());
    await before?.();
  } finally {
    await server.close();
  }
}

/** Wait until the server has saved its index (it saves a second after the last change). */
async function savedIndex(dir: string): Promise<void> {
  const t0 = performance.now();
  while (!(await stat(path.join(dir, INDEX_FILE)).catch(() => undefined))) {
    if (performance.now() - t0 > 60_000) throw new Error('no index saved within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

console.log(`store bench: ${SIZE} runs, medians of ${RUNS}; this build ${REPORT_CLI}; ${load()}`);
const empty = await writeFolder({ runs: 0, machines: 1, runtimes: ['node'], everyMs: 0 });
const t0 = performance.now();
const folder = await writeFolder(spec, true);
console.log(
  `folder: ${(folder.bytes / 1024 / 1024).toFixed(1)} MiB of result files, written with summaries in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
const summaries = path.join(folder.dir, SUMMARY_DIR);
const hidden = path.join(folder.dir, `${SUMMARY_DIR}-hidden`);
const index = path.join(folder.dir, INDEX_FILE);
const decodeAll = figure();
const decodeAllBefore = figure();
const fromSummaries = figure();
const restart = figure();
const restartBefore = figure();
const emptyStarts = new Map<string, { ms: number[]; cpuMs: number[] }>();
/** A build's start on an empty folder, once more, and the medians so far: subtracted from its figures. */
async function emptyStart(cli: string): Promise<Base> {
  const e = await startServer(empty.dir, cli);
  const runs = emptyStarts.get(cli) ?? { ms: [], cpuMs: [] };
  emptyStarts.set(cli, runs);
  runs.cpuMs.push(await e.cpuMs());
  runs.ms.push(e.startMs);
  await e.close();
  return { ms: median(runs.ms), cpuMs: median(runs.cpuMs) };
}
try {
  for (let i = 0; i < RUNS; i++) {
    const base = await emptyStart(REPORT_CLI);
    const before = BEFORE_CLI ? await emptyStart(BEFORE_CLI) : base;
    // No index, no summaries: hide them (a dot name the store ignores); this build writes new ones
    // after its start, which are thrown away.
    await rename(summaries, hidden);
    for (const [cli, into, empty] of [
      [REPORT_CLI, decodeAll, base],
      ...(BEFORE_CLI ? [[BEFORE_CLI, decodeAllBefore, before] as const] : []),
    ] as const) {
      await rm(index, { force: true });
      await measure(cli, folder.dir, into, empty);
      await rm(summaries, { recursive: true, force: true });
    }
    await rename(hidden, summaries);
    // No index, the summaries: kept running until it has saved its index, for the restart.
    await rm(index, { force: true });
    await measure(REPORT_CLI, folder.dir, fromSummaries, base, () => savedIndex(folder.dir));
    await measure(REPORT_CLI, folder.dir, restart, base);
    // The saved index's form is unchanged: the base build restarts from the same file.
    if (BEFORE_CLI) await measure(BEFORE_CLI, folder.dir, restartBefore, before);
    console.log(
      `  round ${i + 1}: decode all ${decodeAll.ms.at(-1)!.toFixed(0)} ms${BEFORE_CLI ? ` (before: ${decodeAllBefore.ms.at(-1)!.toFixed(0)} ms)` : ''}, summaries ${fromSummaries.ms.at(-1)!.toFixed(0)} ms, restart ${restart.ms.at(-1)!.toFixed(0)} ms${BEFORE_CLI ? ` (before: ${restartBefore.ms.at(-1)!.toFixed(0)} ms)` : ''}; ${load()}`,
    );
  }
  const row = (name: string, f: Figure) =>
    console.log(
      `  ${name.padEnd(52)} ${median(f.ms).toFixed(0).padStart(6)} ms  (${f.ms.map((x) => x.toFixed(0)).join(', ')})  CPU ${median(f.cpuMs).toFixed(0).padStart(5)} ms  RSS ${median(f.rssMiB).toFixed(0)} MiB`,
    );
  const empties = [...emptyStarts.values()].map(
    (e) => `${median(e.ms).toFixed(0)} ms, CPU ${median(e.cpuMs).toFixed(0)} ms`,
  );
  console.log(`\nstart beyond the same build's empty-folder start (${empties.join('; ')}), median of ${RUNS}:`);
  if (BEFORE_CLI) row('first start, no index, no summaries (before build)', decodeAllBefore);
  row('first start, no index, no summaries (this build)', decodeAll);
  row('first start, no index, summaries (this build)', fromSummaries);
  if (BEFORE_CLI) row('restart from the saved index (before build)', restartBefore);
  row('restart from the saved index (this build)', restart);
  const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(1);
  console.log(
    `  decode all / summaries, this build: ${ratio(decodeAll.ms, fromSummaries.ms)}x wall, ${ratio(decodeAll.cpuMs, fromSummaries.cpuMs)}x CPU${BEFORE_CLI ? `; before build / summaries: ${ratio(decodeAllBefore.ms, fromSummaries.ms)}x wall, ${ratio(decodeAllBefore.cpuMs, fromSummaries.cpuMs)}x CPU` : ''}; ${load()}`,
  );
} finally {
  await rm(folder.dir, { recursive: true, force: true });
  await rm(empty.dir, { recursive: true, force: true });
}
