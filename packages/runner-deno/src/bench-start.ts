// Worker start on Deno's transports: core's bundled entry against the same code as an ES module
// graph (before) and a minimal worker, side by side in one run. `pnpm --filter @tvp/runner-deno
// bench:start` (ROUNDS=15 by default). Process workers start with the clean environment.
import {
  benchEntry,
  childProcessTransport,
  compareStarts,
  formatStartTable,
  type StartSubject,
  type Transport,
  type WorkerEntry,
  workerEntry,
  workerThreadsTransport,
} from '@tvp/core';
import { denoCommandTransport } from './deno-command.ts';
import { webWorkerTransport } from './web-worker.ts';

const rounds = Number(process.env.ROUNDS ?? 15);
const subject = (name: string, kind: WorkerEntry, make: (entry: URL) => Transport): StartSubject => ({
  name,
  variants: {
    minimal: make(benchEntry('minimal', kind)),
    graph: make(benchEntry('graph', kind)),
    bundled: make(workerEntry(kind)),
  },
});
const subjects = [
  subject('Deno web-worker', 'web', webWorkerTransport),
  subject('Deno worker_threads', 'thread', workerThreadsTransport),
  subject('Deno child_process', 'process', childProcessTransport),
  subject('Deno deno-command', 'stdio', denoCommandTransport),
];
console.log(formatStartTable(await compareStarts(subjects, [1, 8], rounds), rounds));
