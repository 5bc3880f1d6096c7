import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage, WorkerSetup } from './protocol.ts';
import { serveWorker } from './worker-loop.ts';

/** How the hub hands a setup to a process worker: one argument after the entry file, JSON. */
export const SETUP_ARG_PREFIX = '--tvp-setup=';

/** The setup in a process worker's argv, or none. */
export function setupFromArgv(argv: readonly string[]): WorkerSetup {
  const arg = argv.find((a) => a.startsWith(SETUP_ARG_PREFIX));
  return arg === undefined ? {} : (JSON.parse(arg.slice(SETUP_ARG_PREFIX.length)) as WorkerSetup);
}

/** The argv a process worker gets for `setup` (none when there is nothing to prepare). */
export const setupArgv = (setup: WorkerSetup | undefined): string[] =>
  setup === undefined || Object.keys(setup).length === 0 ? [] : [`${SETUP_ARG_PREFIX}${JSON.stringify(setup)}`];

/** The worker side of a node:worker_threads Worker (every runtime's node-compatible threads). */
export function serveParentPort(): void {
  if (!parentPort) throw new Error('this worker file must be started as a node:worker_threads Worker');
  const port = parentPort;
  const setup = ((workerData as { setup?: WorkerSetup } | null)?.setup ?? {}) as WorkerSetup;
  serveWorker(
    {
      post: (msg) => port.postMessage(msg),
      on: (handler) => port.on('message', handler),
      close: () => port.close(),
      rssBytes: () => process.memoryUsage.rss(),
    },
    setup,
  );
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
  serveWorker(
    {
      // Once the hub has gone there is no one to tell: drop the message (the disconnect handler exits).
      post: (msg: WorkerMessage) => void (process.connected && send(msg, undefined, undefined, () => {})),
      on: (handler) => process.on('message', handler as (msg: unknown) => void),
      close: () => process.disconnect(),
      rssBytes: () => process.memoryUsage.rss(),
    },
    setupFromArgv(process.argv),
  );
}
