import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { Transport } from './transport.ts';
import { workerProcessEnv } from './worker-env.ts';

/**
 * `threads` on node:worker_threads, which Node, Bun and Deno all have. `entry` is the runner's
 * worker file (it calls `serveParentPort`): built JavaScript for Node, TypeScript for Bun and Deno.
 */
export function workerThreadsTransport(entry: URL): Transport {
  return {
    mode: 'threads',
    impl: 'worker_threads',
    start(events) {
      const w = new Worker(entry);
      w.on('message', events.message);
      w.on('error', events.error);
      w.on('exit', (code) => events.exit({ code, signal: null }));
      return {
        send: (msg) => w.postMessage(msg),
        kill: () => void w.terminate(),
      };
    },
  };
}

/**
 * `processes` on node:child_process.fork, JSON over the IPC channel; the child is this runtime
 * (`process.execPath`). `entry` is the runner's worker file (it calls `serveProcessChannel`).
 */
export function childProcessTransport(entry: URL): Transport {
  return {
    mode: 'processes',
    impl: 'child_process',
    start(events, { workerEnv }) {
      const cp = fork(entry, [], {
        env: workerProcessEnv(workerEnv),
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'json',
      });
      cp.on('message', events.message as (msg: unknown) => void);
      cp.on('error', events.error);
      cp.on('exit', (code, signal) => events.exit({ code, signal }));
      return {
        send: (msg) => void cp.send(msg),
        kill: () => void cp.kill('SIGKILL'),
        pid: cp.pid,
      };
    },
  };
}
