import { parentPort, workerData } from 'node:worker_threads';
import { encodePayloadFrame, FrameDecoder, MAX_PAYLOAD_FRAME_BYTES } from './frames.ts';
import { leaveWithParent } from './parent-watch.ts';
import type { HubMessage, WorkerMessage, WorkerSetup } from './protocol.ts';
import { serveWorker } from './worker-loop.ts';
import { setupFromArgv } from './worker-setup.ts';

/** The worker side of a node:worker_threads Worker (every runtime's node-compatible threads). */
export function serveParentPort(): void {
  if (!parentPort) throw new Error('this worker file must be started as a node:worker_threads Worker');
  const port = parentPort;
  const setup = ((workerData as { setup?: WorkerSetup } | null)?.setup ?? {}) as WorkerSetup;
  serveWorker(
    {
      post: (msg, transfer) => port.postMessage(msg, transfer),
      on: (handler) => port.on('message', handler),
      // Deno's parentPort has no close() (2.9.6: "port.close is not a function"); there
      // process.exit ends this worker thread only, as it does on Node and Bun.
      close: () => (typeof port.close === 'function' ? port.close() : process.exit(0)),
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
  // The hub is gone (it exited or was killed): leave too. And check for it, where the channel's
  // close goes unreported (parent-watch.ts).
  process.on('disconnect', () => process.exit(0));
  leaveWithParent();
  // Sends not yet written out. On Deno (2.9.6) disconnecting drops them: 128 of 200 answers sent
  // just before `exit` arrived. So the channel closes only once the last send has called back.
  let unsent = 0;
  let closing = false;
  const closeWhenSent = () => {
    if (closing && unsent === 0 && process.connected) process.disconnect();
  };
  serveWorker(
    {
      // Once the hub has gone there is no one to tell: drop the message (the disconnect handler exits).
      post: (msg: WorkerMessage) => {
        if (!process.connected) return;
        // The channel carries JSON. Node's send throws at once on what JSON cannot carry (a BigInt),
        // Deno's does not: check a module's answer here, so that every runtime fails it the same
        // way (numbers, the built-in tasks' answers, need no check).
        if (msg.t === 'done' && typeof msg.value !== 'number') JSON.stringify(msg.value);
        unsent++;
        send(msg, undefined, undefined, () => {
          unsent--;
          closeWhenSent();
        });
      },
      on: (handler) => process.on('message', handler as (msg: unknown) => void),
      close: () => {
        closing = true;
        closeWhenSent();
      },
      rssBytes: () => process.memoryUsage.rss(),
    },
    setupFromArgv(process.argv),
  );
}

/**
 * The worker side of a child process that speaks frames (frames.ts) on its stdin and stdout, such
 * as Deno.Command with both piped. Only node:process streams, so it runs on Node and Deno alike.
 * Leaves when its stdin ends (the hub went away), so it never lingers as an orphan.
 */
export function serveStdio(): void {
  const decoder = new FrameDecoder(MAX_PAYLOAD_FRAME_BYTES);
  const hubGone = () => process.exit(0);
  process.stdin.on('end', hubGone);
  serveWorker(
    {
      post: (msg) => void process.stdout.write(encodePayloadFrame(msg)),
      on: (handler) =>
        process.stdin.on('data', (chunk: Buffer) => {
          for (const msg of decoder.push(chunk)) handler(msg as HubMessage);
        }),
      // Stop reading and let the process end by itself: it exits once every frame already written
      // has gone out, where an immediate process.exit could cut the last ones off.
      close: () => {
        process.stdin.off('end', hubGone);
        process.stdin.destroy();
      },
      rssBytes: () => process.memoryUsage.rss(),
    },
    setupFromArgv(process.argv),
  );
}
