import type { HubMessage, WorkerMessage } from './protocol.ts';
import type { Transport, WorkerEvents } from './transport.ts';
import { serveWorker } from './worker-loop.ts';

/** Delays that make a phase take a known time. */
export interface InMemoryDelays {
  /** Before the worker loop starts (and says `ready`); a function of the worker's index staggers them. */
  readyDelayMs?: number | ((index: number) => number);
  /** Between a clean `exit` request and the reported exit. */
  exitDelayMs?: number;
}

/**
 * A transport whose "workers" live in this thread: the real worker loop behind a message queue.
 * It tests the hub's bookkeeping on any runtime; real threads and processes are tested by runners.
 */
export function inMemory(
  tamper?: (msg: WorkerMessage) => WorkerMessage | undefined,
  delays: InMemoryDelays = {},
): Transport & { started: number; exited: number } {
  const t = {
    mode: 'threads' as const,
    impl: 'in-memory',
    started: 0,
    exited: 0,
    start(events: WorkerEvents) {
      const index = t.started++;
      const readyDelay = delays.readyDelayMs;
      let handler: ((m: HubMessage) => void) | undefined;
      let gone = false;
      const exit = (code: number | null, signal: string | null, delayMs = 1) => {
        if (gone) return;
        gone = true;
        setTimeout(() => {
          t.exited++;
          events.exit({ code, signal });
        }, delayMs);
      };
      setTimeout(
        () =>
          serveWorker({
            post: (m) => {
              const out = tamper ? tamper(m) : m;
              if (out && !gone) setTimeout(() => events.message(out), 0);
            },
            on: (h) => {
              handler = h;
            },
            close: () => exit(0, null, delays.exitDelayMs),
            rssBytes: () => 0,
          }),
        typeof readyDelay === 'function' ? readyDelay(index) : (readyDelay ?? 0),
      );
      return { send: (m: HubMessage) => setTimeout(() => !gone && handler?.(m), 0), kill: () => exit(null, 'SIGKILL') };
    },
  };
  return t;
}
