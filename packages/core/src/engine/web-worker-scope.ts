import { toAnswerWire } from './answer-wire.ts';
import { postTransfer } from './post-message.ts';
import type { HubMessage, WorkerSetup } from './protocol.ts';
import type { WebWorkerExit } from './web-exit.ts';
import { serveWorker } from './worker-loop.ts';

/** The part of Deno's namespace a Web Worker entry uses. */
interface DenoNamespace {
  exitCode: number;
  exit(code?: number): never;
}

/** The part of a Web Worker's global scope the loop needs. */
export interface WorkerScope {
  postMessage(msg: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message' | 'unload', listener: (e: { data: unknown }) => void): void;
  close(): void;
  /** The worker's name: Deno's setup. */
  name?: string;
  Bun?: unknown;
  Deno?: DenoNamespace;
  WorkerGlobalScope?: unknown;
}

/**
 * The worker side of a Web Worker (Bun, Deno): serve the loop on the worker's global scope with the
 * setup `setupOf` reads, if any, from the start. Shared by the Web Worker entries (workers/web.ts,
 * workers/web-bare.ts).
 */
export function serveWebWorker(entry: string, setupOf?: (scope: WorkerScope) => WorkerSetup): void {
  const scope = globalThis as unknown as WorkerScope;
  if (typeof scope.WorkerGlobalScope === 'undefined' && typeof scope.Bun === 'undefined') {
    throw new Error(`${entry} must be started as a Web Worker (new Worker(url, { type: "module" }))`);
  }
  const deno = scope.Deno;
  // Deno's Worker has no event for a worker that ended: tell the host, as the last thing, with the
  // code (0 after `exit`, 3 for `--fault exit`). Deno's own API, not `process`: the first use of
  // `process` in a Deno Web Worker loads Node's compatibility layer, which made starting 8 workers
  // 25% to 2x slower here.
  if (deno) {
    scope.addEventListener('unload', () =>
      scope.postMessage({ t: 'exited', code: deno.exitCode } satisfies WebWorkerExit),
    );
  }
  serveWorker(
    {
      // No empty transfer list: on Deno it made the first post, `ready`, 1-6 ms slower (post-message.ts).
      // A number's answer as an array (answer-wire.ts), as from a node:worker_threads worker.
      post: (msg, transfer) => postTransfer(scope, toAnswerWire(msg), transfer),
      // Attached before anything can yield: a message sent right after `new Worker()` is not lost.
      on: (handler) => scope.addEventListener('message', (e) => handler(e.data as HubMessage)),
      // Bun: process.exit ends this worker only, with close code 0 (self.close() reports 1). Deno:
      // Deno.exit ends this worker only, and the unload hook above says so. Elsewhere self.close().
      close: () => (scope.Bun ? process.exit(0) : deno ? deno.exit(0) : scope.close()),
      // A thread's RSS is its whole process's, which the hub reads itself (proc-memory.ts): nothing
      // to read here. Reading it cost Bun 30-40 us of a 1 ms start (its first memoryUsage call).
      rssBytes: () => 0,
    },
    setupOf ? setupOf(scope) : {},
  );
}
