// The Web Worker entry as it was before bundling: an ES module graph (built core).
import { serveWorker } from '../../dist/engine/worker-loop.js';

// Deno's Worker has no exit event: say so as the last thing (see src/web-exit.ts).
const deno = globalThis.Deno;
if (deno) addEventListener('unload', () => postMessage({ t: 'exited', code: deno.exitCode }));
serveWorker({
  post: (msg) => postMessage(msg),
  on: (handler) => self.addEventListener('message', (e) => handler(e.data)),
  close: () => (globalThis.Bun ? process.exit(0) : deno ? deno.exit(0) : self.close()),
  rssBytes: () => (deno ? deno.memoryUsage().rss : process.memoryUsage.rss()),
});
