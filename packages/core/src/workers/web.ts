// The worker entry of every Web Worker transport (Bun, Deno), bundled into one ES module.
import type { HubMessage } from '../engine/protocol.ts';
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
const port = {
  post: (msg: unknown) => scope.postMessage(msg),
  on: (h: (msg: HubMessage) => void) => {
    handler = h;
  },
  // Bun: process.exit ends this worker only, with close code 0 (self.close() reports 1);
  // elsewhere the standard self.close().
  close: () => (scope.Bun ? process.exit(0) : scope.close()),
  rssBytes: () => process.memoryUsage.rss(),
};
let handler: ((msg: HubMessage) => void) | undefined;
// Attached before anything can yield: a message sent right after `new Worker()` is not lost. A Web
// Worker has no argv nor workerData everywhere, so its transport sends the setup as the first message.
scope.addEventListener('message', (e) => {
  const msg = e.data as HubMessage;
  if (handler) handler(msg);
  else if (msg.t === 'setup') serveWorker(port, msg.setup);
});
