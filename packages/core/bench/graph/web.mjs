// The Web Worker entry as it was before bundling: an ES module graph (built core).
import { serveWorker } from '../../dist/worker-loop.js';

// Deno's Worker has no exit event: say so as the last thing (see src/web-exit.ts).
if (globalThis.Deno) process.on('exit', (code) => postMessage({ t: 'exited', code }));
serveWorker({
  post: (msg) => postMessage(msg),
  on: (handler) => self.addEventListener('message', (e) => handler(e.data)),
  close: () => (globalThis.Bun || globalThis.Deno ? process.exit(0) : self.close()),
  rssBytes: () => process.memoryUsage.rss(),
});
