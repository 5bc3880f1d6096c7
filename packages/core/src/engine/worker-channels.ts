import { parentPort } from 'node:worker_threads';
import type { WorkerMessage } from './protocol.ts';
import { serveWorker } from './worker-loop.ts';

/** The worker side of a node:worker_threads Worker (every runtime's node-compatible threads). */
export function serveParentPort(): void {
  if (!parentPort) throw new Error('this worker file must be started as a node:worker_threads Worker');
  const port = parentPort;
  serveWorker({
    post: (msg) => port.postMessage(msg),
    on: (handler) => port.on('message', handler),
    close: () => port.close(),
    rssBytes: () => process.memoryUsage.rss(),
  });
}

/**
 * The worker side of a child process with an IPC channel: node:child_process.fork on any
 * runtime, or Bun.spawn with `ipc`. Leaves when the hub goes away, so it never lingers as an orphan.
 */
export function serveProcessChannel(): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this worker file must be started as a child process with an IPC channel');
  // The hub is gone (it exited or was killed): leave too.
  process.on('disconnect', () => process.exit(0));
  serveWorker({
    // Once the hub has gone there is no one to tell: drop the message (the disconnect handler exits).
    post: (msg: WorkerMessage) => void (process.connected && send(msg, undefined, undefined, () => {})),
    on: (handler) => process.on('message', handler as (msg: unknown) => void),
    close: () => process.disconnect(),
    rssBytes: () => process.memoryUsage.rss(),
  });
}
