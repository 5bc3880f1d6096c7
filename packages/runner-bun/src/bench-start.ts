#!/usr/bin/env bun
// Worker start on Bun's transports: core's bundled entry against the same code as an ES module
// graph (before) and a minimal worker, side by side in one run. `pnpm --filter @tvp/runner-bun
// bench:start` (ROUNDS=15 by default). Process workers start with the clean environment.
import {
  childProcessTransport,
  compareStarts,
  formatStartTable,
  startSubject,
  workerThreadsTransport,
} from '@tvp/core';
import { bunSpawnTransport } from './bun-spawn.ts';
import { webWorkerTransport } from './web-worker.ts';

const rounds = Number(process.env.ROUNDS ?? 15);
const subjects = [
  startSubject('Bun web-worker', 'web', webWorkerTransport),
  startSubject('Bun worker_threads', 'thread', workerThreadsTransport),
  startSubject('Bun bun-spawn', 'process', bunSpawnTransport),
  startSubject('Bun child_process', 'process', childProcessTransport),
];
console.log(formatStartTable(await compareStarts(subjects, [1, 8], rounds), rounds));
