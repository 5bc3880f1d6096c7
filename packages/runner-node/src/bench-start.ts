#!/usr/bin/env node
// Worker start on Node's transports: core's bundled entry against the same code as an ES module
// graph (before) and a minimal worker, side by side in one run. `pnpm --filter @tvp/runner-node
// bench:start` (ROUNDS=15 by default). Process workers start with the clean environment.
import {
  benchEntry,
  childProcessTransport,
  compareStarts,
  formatStartTable,
  type StartSubject,
  workerEntry,
  workerThreadsTransport,
} from '@tvp/core';

const rounds = Number(process.env.ROUNDS ?? 15);
const subjects: StartSubject[] = [
  {
    name: 'Node worker_threads',
    variants: {
      minimal: workerThreadsTransport(benchEntry('minimal', 'thread')),
      graph: workerThreadsTransport(benchEntry('graph', 'thread')),
      bundled: workerThreadsTransport(workerEntry('thread')),
    },
  },
  {
    name: 'Node child_process',
    variants: {
      minimal: childProcessTransport(benchEntry('minimal', 'process')),
      graph: childProcessTransport(benchEntry('graph', 'process')),
      bundled: childProcessTransport(workerEntry('process')),
    },
  },
];
console.log(formatStartTable(await compareStarts(subjects, [1, 8], rounds), rounds));
