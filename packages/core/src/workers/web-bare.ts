// The Web Worker entry for a worker with nothing to prepare (the built-in tasks): web.ts without
// reading a setup. On Bun, the first read of `process.argv` in a Web Worker and the loop over it
// made the worker start 1.05-1.1x slower at 8 workers (packages/runner-bun bench:start), a cost
// every pool start paid for a setup that was empty.
import { serveWebWorker } from '../engine/web-worker-scope.ts';

serveWebWorker('workers/web-bare.js');
