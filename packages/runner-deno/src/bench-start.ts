// Worker start on Deno's transports: core's bundled entry against the same code as an ES module
// graph (before) and a minimal worker, side by side in one run. `pnpm --filter @tvp/runner-deno
// bench:start` (ROUNDS=15 by default). Process workers start with the clean environment. The Web
// Worker has one more column: the minimal worker posting `ready` with an empty transfer list, the
// one argument that made core's entry start 1.1-1.2x slower than the minimal worker on Deno.
import {
  childProcessTransport,
  compareStarts,
  formatStartTable,
  START_COLUMNS,
  startSubject,
  workerThreadsTransport,
} from '@tvp/core';
import { denoCommandTransport } from './deno-command.ts';
import { webWorkerTransport } from './web-worker.ts';

const rounds = Number(process.env.ROUNDS ?? 15);
const web = startSubject('Deno web-worker', 'web', webWorkerTransport);
web.variants.transferList = webWorkerTransport(new URL('../bench/minimal-transfer-list.js', import.meta.url));
const subjects = [
  web,
  startSubject('Deno worker_threads', 'thread', workerThreadsTransport),
  startSubject('Deno child_process', 'process', childProcessTransport),
  startSubject('Deno deno-command', 'stdio', denoCommandTransport),
];
const columns: [string, string][] = [...START_COLUMNS, ['transferList', 'minimal + empty transfer list']];
console.log(formatStartTable(await compareStarts(subjects, [1, 8], rounds), rounds, columns));
