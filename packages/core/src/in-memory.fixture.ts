import type { HubMessage, WorkerMessage } from './protocol.ts';
import type { Transport, WorkerEvents } from './transport.ts';
import { serveWorker } from './worker-loop.ts';

/**
 * A transport whose "workers" live in this thread: the real worker loop behind a message queue.
 * It tests the hub's bookkeeping on any runtime; real threads and processes are tested by runners.
 */
export function inMemory(tamper?: (msg: WorkerMessage) => WorkerMessage | undefined): Transport & { started: number } {
  const t = {
    mode: 'threads' as const,
    impl: 'in-memory',
    started: 0,
    start(events: WorkerEvents) {
      t.started++;
      let handler: ((m: HubMessage) => void) | undefined;
      let gone = false;
      const exit = (code: number | null, signal: string | null) => {
        if (gone) return;
        gone = true;
        setTimeout(() => events.exit({ code, signal }), 1);
      };
      setTimeout(() =>
        serveWorker({
          post: (m) => {
            const out = tamper ? tamper(m) : m;
            if (out && !gone) setTimeout(() => events.message(out), 0);
          },
          on: (h) => {
            handler = h;
          },
          close: () => exit(0, null),
          rssBytes: () => 0,
        }),
      );
      return { send: (m: HubMessage) => setTimeout(() => !gone && handler?.(m), 0), kill: () => exit(null, 'SIGKILL') };
    },
  };
  return t;
}
