// The worker entry of every Web Worker transport (Bun, Deno), bundled into one ES module.
import type { WebWorkerExit } from '../web-exit.ts';
import { serveWorker } from '../worker-loop.ts';

/** The part of a Web Worker's global scope the loop needs. */
interface WorkerScope {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  close(): void;
  Bun?: unknown;
  Deno?: unknown;
  WorkerGlobalScope?: unknown;
}

const scope = globalThis as unknown as WorkerScope;
if (typeof scope.WorkerGlobalScope === 'undefined' && typeof scope.Bun === 'undefined') {
  throw new Error('workers/web.js must be started as a Web Worker (new Worker(url, { type: "module" }))');
}
// Deno's Worker has no event for a worker that ended: tell the host, as the last thing, with the
// code (0 after `exit`, 3 for `--fault exit`). process.exit ends this worker only.
if (scope.Deno) process.on('exit', (code) => scope.postMessage({ t: 'exited', code } satisfies WebWorkerExit));
serveWorker({
  post: (msg) => scope.postMessage(msg),
  // Attached before anything can yield: a message sent right after `new Worker()` is not lost.
  on: (handler) => scope.addEventListener('message', (e) => handler(e.data as never)),
  // Bun: process.exit ends this worker only, with close code 0 (self.close() reports 1). Deno: the
  // same, and it says so through the exit hook above. Elsewhere the standard self.close().
  close: () => (scope.Bun || scope.Deno ? process.exit(0) : scope.close()),
  rssBytes: () => process.memoryUsage.rss(),
});
