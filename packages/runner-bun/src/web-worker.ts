import { type ExitInfo, fromAnswerWire, postTransfer, setupArgv, type Transport, WAYS_OF_MODE } from '@tvp/core';
import { bunWorkerEntry } from './worker-entries.ts';

/**
 * Bun fires `close` on the Worker after terminate(), even for a thread stuck in a busy loop
 * (measured on 1.4.5: within a few ms). Should it not, the hub still hears of the exit after
 * this long, under core's 2 s KILL_WAIT_MS.
 */
const CLOSE_FALLBACK_MS = 1_000;

/**
 * `threads` on Bun's Web Worker (https://bun.sh/docs/api/workers) with `entry`, or by default
 * core's entries compiled to Bun bytecode: the bare one for a worker with no setup (it does not
 * read argv, which cost 5-10% of a start), the other where there is a setup to prepare.
 */
export const webWorkerTransport = (entry?: URL): Transport => {
  const bare = entry ?? bunWorkerEntry('web-bare');
  const withSetup = entry ?? bunWorkerEntry('web');
  return {
    mode: 'threads',
    impl: 'web-worker',
    start(events, { setup }) {
      // The setup goes in Bun's `argv` option: the entry prepares it before it says ready.
      const argv = setupArgv(setup);
      const file = argv.length === 0 ? bare : withSetup;
      const w = new Worker(file.href, { argv } as WorkerOptions);
      let exited = false;
      const exit = (info: ExitInfo) => {
        if (exited) return;
        exited = true;
        events.exit(info);
      };
      // Attached before anything can yield, so that `ready` is never missed.
      // Answers come compact (core's answer-wire.ts).
      w.addEventListener('message', (e) => {
        const msg = fromAnswerWire(e.data);
        if (msg !== undefined) events.message(msg);
      });
      w.addEventListener('messageerror', () => events.error(new Error('a message from the worker could not be read')));
      w.addEventListener('error', (e) => {
        e.preventDefault();
        events.error(new Error(e.message || 'the worker failed'));
      });
      // Bun's own event: the worker has ended, with process.exit's code (0 after terminate()).
      w.addEventListener('close', (e) => exit({ code: (e as CloseEvent).code ?? null, signal: null }));
      return {
        send: (msg, transfer) => postTransfer(w, msg, transfer),
        kill: () => {
          w.terminate();
          setTimeout(() => exit({ code: null, signal: null }), CLOSE_FALLBACK_MS).unref();
        },
      };
    },
    ways: WAYS_OF_MODE.threads,
  };
};

/** Bun's fastest thread start. */
export const webWorker = webWorkerTransport();
