#!/usr/bin/env bun
// Worker start on Bun's transports, side by side in one run: a minimal worker, core's entry as an
// ES module graph (before bundling), core's bundle as Node and Deno load it, and the runner's own
// build of that bundle to Bun bytecode (what it ships: worker-entries.ts). `pnpm --filter
// @tvp/runner-bun bench:start` (ROUNDS=15 by default). Process workers start with the clean environment.
import {
  benchEntry,
  childProcessTransport,
  compareStarts,
  formatStartTable,
  START_COLUMNS,
  type StartSubject,
  startSubject,
  type Transport,
  workerEntry,
  workerThreadsTransport,
} from '@tvp/core';
import { bunSpawnTransport } from './bun-spawn.ts';
import { webWorkerTransport } from './web-worker.ts';
import { type BunWorkerEntry, bunWorkerEntry } from './worker-entries.ts';

const rounds = Number(process.env.ROUNDS ?? 15);
for (const kind of ['web', 'process'] as const) {
  if (bunWorkerEntry(kind).href === workerEntry(kind).href) {
    console.error(`error: no bytecode build of the ${kind} entry in dist/workers: run pnpm build first`);
    process.exit(2);
  }
}

/** A transport with four worker files: minimal, module graph, core's bundle, its Bun bytecode build. */
const withBytecode = (name: string, kind: BunWorkerEntry, make: (entry: URL) => Transport): StartSubject => ({
  name,
  variants: {
    minimal: make(benchEntry('minimal', kind)),
    graph: make(benchEntry('graph', kind)),
    bundled: make(workerEntry(kind)),
    bytecode: make(bunWorkerEntry(kind)),
  },
});

const shipped = [
  withBytecode('Bun web-worker', 'web', webWorkerTransport),
  withBytecode('Bun bun-spawn', 'process', bunSpawnTransport),
  withBytecode('Bun child_process', 'process', childProcessTransport),
];
console.log(
  formatStartTable(await compareStarts(shipped, [1, 8], rounds), rounds, [
    ['graph', 'module graph'],
    ['bundled', 'core bundle'],
    ['bytecode', 'bytecode build (now)'],
  ]),
);
console.log('');
const threads = [startSubject('Bun worker_threads', 'thread', workerThreadsTransport)];
console.log(formatStartTable(await compareStarts(threads, [1, 8], rounds), rounds, START_COLUMNS));
