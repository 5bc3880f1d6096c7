// The worker entry of every Web Worker transport (Bun, Deno), bundled into one ES module.
import { serveWorker } from '../engine/worker-loop.ts';

/** The part of a Web Worker's global scope the loop needs. */
interface WorkerScope {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  close(): void;
  Bun?: unknown;
  WorkerGlobalScope?: unknown;
}

const scope = globalThis as unknown as WorkerScope;
if (typeof scope.WorkerGlobalScope === 'undefined' && typeof scope.Bun === 'undefined') {
  throw new Error('workers/web.js must be started as a Web Worker (new Worker(url, { type: "module" }))');
}
serveWorker({
  post: (msg) => scope.postMessage(msg),
  // Attached before anything can yield: a message sent right after `new Worker()` is not lost.
  on: (handler) => scope.addEventListener('message', (e) => handler(e.data as never)),
  // Bun: process.exit ends this worker only, with close code 0 (self.close() reports 1);
  // elsewhere the standard self.close().
  close: () => (scope.Bun ? process.exit(0) : scope.close()),
  rssBytes: () => process.memoryUsage.rss(),
});
