import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { type Transport, workerProcessEnv } from '@tvp/core';

// Built JavaScript beside this file: Node 20 cannot start a .ts worker.
const THREAD_ENTRY = new URL('./worker-thread.js', import.meta.url);
const PROCESS_ENTRY = new URL('./worker-process.js', import.meta.url);

/** `threads` on node:worker_threads. */
export const workerThreads: Transport = {
  mode: 'threads',
  impl: 'worker_threads',
  start(events) {
    const w = new Worker(THREAD_ENTRY);
    w.on('message', events.message);
    w.on('error', events.error);
    w.on('exit', (code) => events.exit({ code, signal: null }));
    return {
      send: (msg) => w.postMessage(msg),
      kill: () => void w.terminate(),
    };
  },
};

/** `processes` on node:child_process.fork, JSON over the IPC channel. */
export const childProcess: Transport = {
  mode: 'processes',
  impl: 'child_process',
  start(events, { workerEnv }) {
    const cp = fork(PROCESS_ENTRY, [], {
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
