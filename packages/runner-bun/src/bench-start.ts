#!/usr/bin/env bun
// Worker start on Bun's transports, side by side in one run: a minimal worker, core's entry as an
// ES module graph (before bundling), core's bundle as Node and Deno load it, the runner's own
// build of that bundle to Bun bytecode (what it ships: worker-entries.ts), and two yardsticks for
// that build: the minimal worker compiled the same way, and the minimal worker carrying our whole
// bundle as code it never calls, compiled the same way (a file that costs Bun what ours costs to
// load, with none of our work). `pnpm --filter @tvp/runner-bun bench:start` (ROUNDS=15 by default).
// Process workers start with the clean environment.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  benchEntry,
  childProcessTransport,
  compareStarts,
  formatStartTable,
  START_COLUMNS,
  type StartSubject,
  startCpuClock,
  startSubject,
  type Transport,
  workerEntry,
  workerThreadsTransport,
} from '@tvp/core';
import { bunSpawnTransport } from './bun-spawn.ts';
import { webWorkerTransport } from './web-worker.ts';
import { type BunWorkerEntry, bunWorkerEntry } from './worker-entries.ts';

const rounds = Number(process.env.ROUNDS ?? 15);
for (const kind of ['web', 'web-bare', 'process'] as const) {
  if (bunWorkerEntry(kind).href === workerEntry(kind).href) {
    console.error(`error: no bytecode build of the ${kind} entry in dist/workers: run pnpm build first`);
    process.exit(2);
  }
}

/**
 * The yardsticks of the bytecode build, built here as the runner's build makes its own (`bun build
 * --bytecode`, CommonJS): the minimal worker, and the minimal worker with core's bundle wrapped in
 * a function that is never called. In dist/ beside the shipped build: Bun reads the directories
 * of the file it starts (a process worker in a folder of 10,000 files started 2x slower here).
 */
async function buildYardsticks(kind: Exclude<BunWorkerEntry, 'web-bare'>): Promise<{ minimal: URL; carrying: URL }> {
  const dir = new URL(`../dist/bench-start/${kind}/`, import.meta.url);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(new URL('src/', dir), { recursive: true });
  const minimal = readFileSync(benchEntry('minimal', kind), 'utf8');
  const ours = readFileSync(workerEntry(kind), 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
  const sources = {
    'minimal.js': minimal,
    'carrying.js': `${minimal}\n// Core's bundle, never called: its size and compile cost, none of its work.\nfunction unused() {\n${ours}\n}\n`,
  };
  for (const [file, text] of Object.entries(sources)) writeFileSync(new URL(`src/${file}`, dir), text);
  const out = await Bun.build({
    entrypoints: Object.keys(sources).map((f) => fileURLToPath(new URL(`src/${f}`, dir))),
    outdir: fileURLToPath(dir),
    target: 'bun',
    format: 'cjs',
    bytecode: true,
  });
  if (!out.success) throw new AggregateError(out.logs, `could not build the ${kind} yardsticks`);
  return { minimal: new URL('minimal.js', dir), carrying: new URL('carrying.js', dir) };
}

/**
 * A transport with six worker files: minimal, module graph, core's bundle, the minimal and the
 * carrying yardsticks as bytecode, and core's bundle as bytecode (what the runner ships; for the
 * Web Worker with no setup, the bare entry, and beside it the entry that reads argv).
 */
const withBytecode = async (
  name: string,
  kind: Exclude<BunWorkerEntry, 'web-bare'>,
  make: (entry: URL) => Transport,
): Promise<StartSubject> => {
  const yard = await buildYardsticks(kind);
  const shipped: Record<string, Transport> = kind === 'web' ? { argvBytecode: make(bunWorkerEntry('web')) } : {};
  return {
    name,
    cpu: startCpuClock(kind),
    variants: {
      minimal: make(benchEntry('minimal', kind)),
      graph: make(benchEntry('graph', kind)),
      bundled: make(workerEntry(kind)),
      minimalBytecode: make(yard.minimal),
      carryingBytecode: make(yard.carrying),
      ...shipped,
      bytecode: make(bunWorkerEntry(kind === 'web' ? 'web-bare' : kind)),
    },
  };
};

const shipped = [
  await withBytecode('Bun web-worker', 'web', webWorkerTransport),
  await withBytecode('Bun bun-spawn', 'process', bunSpawnTransport),
  await withBytecode('Bun child_process', 'process', childProcessTransport),
];
console.log(
  formatStartTable(await compareStarts(shipped, [1, 8], rounds), rounds, [
    ['graph', 'module graph'],
    ['bundled', 'core bundle'],
    ['minimalBytecode', 'minimal, bytecode'],
    ['carryingBytecode', 'minimal carrying our code unused, bytecode'],
    ['argvBytecode', 'bytecode build reading argv (before)'],
    ['bytecode', 'bytecode build (now)'],
  ]),
);
console.log('');
const threads = [startSubject('Bun worker_threads', 'thread', workerThreadsTransport)];
console.log(formatStartTable(await compareStarts(threads, [1, 8], rounds), rounds, START_COLUMNS));
