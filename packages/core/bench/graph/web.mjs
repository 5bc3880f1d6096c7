// The Web Worker entry as it was before bundling: an ES module graph (built core).
import { serveWorker } from '../../dist/worker-loop.js';

serveWorker({
  post: (msg) => postMessage(msg),
  on: (handler) => self.addEventListener('message', (e) => handler(e.data)),
  close: () => (globalThis.Bun ? process.exit(0) : self.close()),
  rssBytes: () => process.memoryUsage.rss(),
});
