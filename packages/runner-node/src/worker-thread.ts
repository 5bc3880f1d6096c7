import { parentPort } from 'node:worker_threads';
import { serveWorker } from '@tvp/core/worker';

if (!parentPort) throw new Error('worker-thread.js must be started as a node:worker_threads Worker');
const port = parentPort;
serveWorker({
  post: (msg) => port.postMessage(msg),
  on: (handler) => port.on('message', handler),
  close: () => port.close(),
  rssBytes: () => process.memoryUsage.rss(),
});
