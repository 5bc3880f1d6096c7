import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { PayloadWay } from '../format/types.ts';
import { answerListener } from './answer-wire.ts';
import { WAYS_OF_MODE } from './payload-ways.ts';
import type { Transport } from './transport.ts';
import { workerEntry } from './worker-entries.ts';
import { workerProcessEnv } from './worker-env.ts';
import { setupArgv } from './worker-setup.ts';

/**
 * `threads` on node:worker_threads, which Node, Bun and Deno all have. `entry` is the worker file
 * (it calls `serveParentPort`): core's bundled one unless a benchmark compares another.
 */
export function workerThreadsTransport(entry: URL = workerEntry('thread')): Transport {
  return {
    mode: 'threads',
    impl: 'worker_threads',
    start(events, { setup }) {
      const w = new Worker(entry, setup === undefined ? {} : { workerData: { setup } });
      // Answers come compact (answer-wire.ts), as from a process.
      w.on('message', answerListener(events));
      w.on('error', events.error);
      // Deno emits `exit` inside terminate() itself: the pool's kill() counts exits seen during it.
      w.on('exit', (code) => events.exit({ code, signal: null }));
      return {
        send: (msg, transfer) => w.postMessage(msg, transfer),
        kill: () => void w.terminate(),
      };
    },
    ways: WAYS_OF_MODE.threads,
  };
}

/**
 * `processes` on node:child_process.fork, JSON over the IPC channel; the child is this runtime
 * (`process.execPath`). `entry` is the worker file (it calls `serveProcessChannel`): core's
 * bundled one unless a benchmark compares another. `lacks`: payload ways this runtime's fork does not
 * have, with why.
 */
export function childProcessTransport(
  entry: URL = workerEntry('process'),
  lacks: Partial<Record<PayloadWay, string>> = {},
): Transport {
  return {
    mode: 'processes',
    impl: 'child_process',
    start(events, { workerEnv, setup, serialization }) {
      const cp = fork(entry, setupArgv(setup), {
        env: workerProcessEnv(workerEnv),
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: serialization ?? 'json',
      });
      // Answers come compact (answer-wire.ts); a leaving worker's last message is for this channel only.
      cp.on('message', answerListener(events));
      cp.on('error', events.error);
      cp.on('exit', (code, signal) => events.exit({ code, signal }));
      return {
        send: (msg) => void cp.send(msg),
        // On Windows every signal of kill() is TerminateProcess: the same immediate end.
        kill: () => void cp.kill('SIGKILL'),
        pid: cp.pid,
      };
    },
    // Its IPC channel carries JSON and, where the runtime has it, the structured clone; no frames.
    ways: (['json', 'advanced', 'advanced-buffer'] as const).filter((w) => lacks[w] === undefined),
    lacks: { frames: 'an IPC channel, not stdio frames (the stdio transports carry those)', ...lacks },
  };
}
