#!/usr/bin/env node
// Worker start on Node's transports: core's bundled entry against the same code as an ES module
// graph (before) and a minimal worker, side by side in one run. `pnpm --filter @tvp/runner-node
// bench:start` (ROUNDS=15 by default). Process workers start with the clean environment.
import {
  childProcessTransport,
  compareStarts,
  formatStartTable,
  startSubject,
  workerThreadsTransport,
} from '@tvp/core';

const rounds = Number(process.env.ROUNDS ?? 15);
const subjects = [
  startSubject('Node worker_threads', 'thread', workerThreadsTransport),
  startSubject('Node child_process', 'process', childProcessTransport),
];
console.log(formatStartTable(await compareStarts(subjects, [1, 8], rounds), rounds));
