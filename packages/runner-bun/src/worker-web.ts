import { serveWorker } from '@tvp/core/worker';

/** The part of a Web Worker's global scope the loop needs. */
interface WorkerScope {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

if (Bun.isMainThread) throw new Error('worker-web.ts must be started as a Web Worker (new Worker(url))');
const scope = globalThis as unknown as WorkerScope;
serveWorker({
  post: (msg) => scope.postMessage(msg),
  on: (handler) => scope.addEventListener('message', (e) => handler(e.data)),
  // Ends this worker only (Bun: https://bun.sh/docs/api/workers#process-exit); close code 0.
  close: () => process.exit(0),
  rssBytes: () => process.memoryUsage.rss(),
});
