import { parentPort, workerData } from 'node:worker_threads';
import { toAnswerWire } from './answer-wire.ts';
import { encodePayloadFrame, FrameDecoder, MAX_PAYLOAD_FRAME_BYTES } from './frames.ts';
import { leaveWithParent } from './parent-watch.ts';
import type { HubMessage, WorkerMessage, WorkerSetup } from './protocol.ts';
import type { WorkerExit } from './web-exit.ts';
import { serveWorker } from './worker-loop.ts';
import { setupFromArgv } from './worker-setup.ts';

/** The worker side of a node:worker_threads Worker (every runtime's node-compatible threads). */
export function serveParentPort(): void {
  if (!parentPort) throw new Error('this worker file must be started as a node:worker_threads Worker');
  const port = parentPort;
  const setup = ((workerData as { setup?: WorkerSetup } | null)?.setup ?? {}) as WorkerSetup;
  serveWorker(
    {
      // A number's answer as an array (answer-wire.ts): fewer keys for the channel to write and read.
      post: (msg, transfer) => port.postMessage(toAnswerWire(msg), transfer),
      on: (handler) => port.on('message', handler),
      // Deno's parentPort has no close() (2.9.6: "port.close is not a function"); there
      // process.exit ends this worker thread only, as it does on Node and Bun.
      close: () => (typeof port.close === 'function' ? port.close() : process.exit(0)),
      // A thread's RSS is its whole process's, which the hub reads itself (proc-memory.ts).
      rssBytes: () => 0,
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
  // Leaving: disconnecting drops the sends not yet written out (Deno 2.9.6: 128 of 200 answers
  // sent just before `exit` arrived; Bun and Node drop some too). The channel keeps messages in
  // order, so one last message with a callback says that every earlier one has gone: only then
  // does the channel close. One callback per leave, not one per message: Bun's first
  // process.nextTick, which a send callback needs, costs 0.9 ms of CPU, and paid by every message
  // from `ready` on it made Bun's process workers start 1.2x slower than a minimal one at 8 workers.
  let closing = false;
  const bye: WorkerExit = { t: 'exited', code: 0 };
  serveWorker(
    {
      // Once the hub has gone there is no one to tell: drop the message (the disconnect handler exits).
      post: (msg: WorkerMessage) => {
        if (!process.connected) return;
        // The channel carries JSON. Node's send throws at once on what JSON cannot carry (a BigInt),
        // Deno's does not: check a module's answer here, so that every runtime fails it the same
        // way (numbers, the built-in tasks' answers, need no check).
        if (msg.t === 'done' && typeof msg.value !== 'number') JSON.stringify(msg.value);
        send(toAnswerWire(msg));
      },
      on: (handler) => process.on('message', handler as (msg: unknown) => void),
      close: () => {
        if (closing || !process.connected) return;
        closing = true;
        send(bye, undefined, undefined, () => {
          if (process.connected) process.disconnect();
        });
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
