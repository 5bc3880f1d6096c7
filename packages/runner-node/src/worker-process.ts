import type { WorkerMessage } from '@tvp/core';
import { serveWorker } from '@tvp/core/worker';

const send = process.send?.bind(process);
if (!send) throw new Error('worker-process.js must be started by child_process.fork (it needs an IPC channel)');
// The hub is gone (it exited or was killed): leave too, never linger as an orphan.
process.on('disconnect', () => process.exit(0));
serveWorker({
  post: (msg: WorkerMessage) => void send(msg),
  on: (handler) => process.on('message', handler as (msg: unknown) => void),
  close: () => process.disconnect(),
  rssBytes: () => process.memoryUsage.rss(),
});
