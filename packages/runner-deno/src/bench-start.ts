// Worker start on Deno's transports: core's bundled entry against the same code as an ES module
// graph (before) and a minimal worker, side by side in one run. `pnpm --filter @tvp/runner-deno
// bench:start` (ROUNDS=15 by default). Process workers start with the clean environment.
import {
  childProcessTransport,
  compareStarts,
  formatStartTable,
  startSubject,
  workerThreadsTransport,
} from '@tvp/core';
import { denoCommandTransport } from './deno-command.ts';
import { webWorkerTransport } from './web-worker.ts';

const rounds = Number(process.env.ROUNDS ?? 15);
const subjects = [
  startSubject('Deno web-worker', 'web', webWorkerTransport),
  startSubject('Deno worker_threads', 'thread', workerThreadsTransport),
  startSubject('Deno child_process', 'process', childProcessTransport),
  startSubject('Deno deno-command', 'stdio', denoCommandTransport),
];
console.log(formatStartTable(await compareStarts(subjects, [1, 8], rounds), rounds));
