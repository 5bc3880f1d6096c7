import {
  type ExitInfo,
  fromAnswerWire,
  isWebWorkerExit,
  postTransfer,
  setupName,
  type Transport,
  WAYS_OF_MODE,
  workerEntry,
} from '@tvp/core';

/** `threads` on Deno's Web Worker (https://docs.deno.com/api/web/~/Worker) with `entry` (core's bundled one). */
export const webWorkerTransport = (entry: URL = workerEntry('web')): Transport => ({
  mode: 'threads',
  impl: 'web-worker',
  start(events, { setup }) {
    // The setup goes in the worker's name: the entry prepares it before it says ready.
    const w = new Worker(entry.href, { type: 'module', name: setupName(setup) });
    let exited = false;
    const exit = (info: ExitInfo) => {
      if (exited) return;
      exited = true;
      events.exit(info);
    };
    // Attached right after `new Worker()`, before anything can yield: on Deno a listener attached
    // after an await has missed the worker's first message (`ready`), and the start hung.
    w.addEventListener('message', (e) => {
      const data = (e as MessageEvent).data as unknown;
      // Deno's Worker has no exit event: core's entry says it is leaving, and with what code.
      if (isWebWorkerExit(data)) exit({ code: data.code, signal: null });
      else {
        // Answers come compact (core's answer-wire.ts).
        const msg = fromAnswerWire(data);
        if (msg !== undefined) events.message(msg);
      }
    });
    w.addEventListener('messageerror', () => events.error(new Error('a message from the worker could not be read')));
    w.addEventListener('error', (e) => {
      // Unhandled, a worker's error would end this whole process.
      e.preventDefault();
      events.error(new Error((e as Event & { message?: string }).message || 'the worker failed'));
    });
    return {
      send: (msg, transfer) => postTransfer(w, msg, transfer),
      // terminate() says nothing after, so the exit is reported here, within kill() (the pool
      // counts exits seen during it). A thread in a busy loop is not stopped by it on Deno 2.9.6
      // (traps.test.ts); none can tell.
      kill: () => {
        w.terminate();
        exit({ code: null, signal: null });
      },
    };
  },
  ways: WAYS_OF_MODE.threads,
});

/** Deno's Web Worker with core's bundled entry. */
export const webWorker = webWorkerTransport();
