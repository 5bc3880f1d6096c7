import type { Fault, PayloadWay } from '../format/types.ts';
import { receiveArg } from './arg-transfer.ts';
import { payloadValue } from './payload.ts';
import type { HubMessage, WorkerMessage, WorkerSetup } from './protocol.ts';
import { toWireError } from './protocol.ts';
import { emptySetup, prepareTarget, type TaskTarget } from './task-target.ts';
import { runTask } from './tasks.ts';
import { workerNow } from './worker-clock.ts';

/** What a transport's worker entry hands to the loop: its way to talk and to stop. */
export interface WorkerPort {
  /** `transfer`: ArrayBuffers to move with the message (a thread's port; a process ignores it). */
  post(msg: WorkerMessage, transfer?: ArrayBuffer[]): void;
  /** Subscribe to messages from the hub. */
  on(handler: (msg: HubMessage) => void): void;
  /** Leave cleanly once the hub said `exit` (close the port, end the process). */
  close(): void;
  /** Resident memory of this worker's process, bytes. */
  rssBytes(): number;
}

/** What goes back with a module's answer under `--arg-transfer`: its arg, and what to move with it. */
interface ArgBack {
  back?: unknown;
  transfer?: ArrayBuffer[] | undefined;
}

/** Raised on purpose by `--fault throw`. */
export class InjectedFault extends Error {
  override name = 'InjectedFault';
}

/** Do what `--fault` asks, inside the task. */
export function injectFault(fault: Fault): void {
  switch (fault) {
    case 'throw':
      throw new InjectedFault('task failed on purpose (--fault throw)');
    case 'exit':
      // Ends a process worker, or just this thread for a thread worker.
      process.exit(3);
      break;
    case 'hang':
      // Busy, not waiting: the hub must kill it, the worker cannot notice its own timeout.
      for (;;) {}
  }
}

/** An answer that the channel refused to carry (a function, a symbol; a BigInt through JSON). */
class UnsendableAnswer extends Error {
  override name = 'UnsendableAnswer';
}

/**
 * The worker side, the same for every transport: prepare what `setup` names (import the task
 * module, before anything is timed as work), post `ready`, then answer pings at once, run tasks,
 * report results or errors by name, leave on `exit`. A setup that fails posts `fail` with id -1.
 */
export function serveWorker(port: WorkerPort, setup: WorkerSetup = {}): void {
  const fail = (id: number, err: unknown) => port.post({ t: 'fail', id, error: toWireError(err) });
  /** Send a timed task's answer, with what goes back with it (a module's moved arg). */
  const done = (id: number, value: unknown, startedAt: number, arg?: ArgBack) => {
    try {
      const doneAt = workerNow();
      // Each shape made whole, not grown by a store.
      const msg: Extract<WorkerMessage, { t: 'done' }> =
        arg === undefined
          ? { t: 'done', id, value, startedAt, doneAt }
          : { t: 'done', id, value, startedAt, doneAt, payload: arg.back };
      port.post(msg, arg?.transfer);
    } catch (err) {
      fail(id, new UnsendableAnswer(`its answer could not be sent back: ${(err as Error).message}`));
    }
  };
  /**
   * A payload task measures its channel, so its path is the shortest the loop has: the worker reads
   * no clock (two reads cost 1-2 µs a task on this machine's threads, against a 17-25 µs round trip
   * at 1 KiB; its cell's per-task times are the hub's, method `hub`), and it is a small function of
   * its own, called first. A fresh worker runs its first tasks in the engine's lower tiers, where
   * every call and branch on the way is paid for: on Bun's worker_threads at 1 KiB, the payload
   * branch inside the one handler of every message cost 1.11-1.12x of a minimal worker's round trip,
   * and 1.04-1.05x as a function of its own (three runs each of 40 interleaved rounds of 2000 tasks,
   * pinned to one CPU; the payload benchmark's THREAD_ENTRY).
   */
  const payloadTask = (msg: Extract<HubMessage, { t: 'task' }>, way: PayloadWay) => {
    const { id, payload } = msg;
    try {
      if (msg.fault) injectFault(msg.fault);
      const value = payloadValue(way, payload, id);
      // A shared payload stays; any other goes back the way it came, a transferred one moved again.
      if (way === 'shared') port.post({ t: 'done', id, value });
      else port.post({ t: 'done', id, value, payload }, way === 'transfer' ? [payload as ArrayBuffer] : undefined);
    } catch (err) {
      fail(id, err);
    }
  };
  let target: TaskTarget = {};
  /** Any other task: timed on the worker's clock, its answer awaited when it is a promise. */
  const task = (msg: Extract<HubMessage, { t: 'task' }>) => {
    const { id } = msg;
    // Two clock reads per task, the whole cost of per-task times on the worker side.
    const startedAt = workerNow();
    try {
      if (msg.fault) injectFault(msg.fault);
      // `--arg-transfer`: the arg as the function takes it, and what goes back after (a moved buffer).
      const a = msg.argWay ? receiveArg(msg) : { arg: msg.arg };
      const back: ArgBack | undefined = 'back' in a ? a : undefined;
      const value = runTask(msg.kind, msg, id, target, a.arg);
      if (value instanceof Promise) {
        value.then(
          (v) => done(id, v, startedAt, back),
          (err) => fail(id, err),
        );
      } else {
        done(id, value, startedAt, back);
      }
    } catch (err) {
      fail(id, err);
    }
  };
  port.on((msg) => {
    if (msg.t === 'task') {
      if (msg.kind === 'payload' && msg.way) payloadTask(msg, msg.way);
      else task(msg);
    } else if (msg.t === 'ping') port.post({ t: 'pong', id: msg.id });
    else if (msg.t === 'exit') port.close();
  });
  // Built-in tasks need nothing prepared: ready at once, as before setups existed.
  if (emptySetup(setup)) {
    port.post({ t: 'ready', rssBytes: port.rssBytes() });
    return;
  }
  prepareTarget(setup).then(
    (t) => {
      target = t;
      port.post({ t: 'ready', rssBytes: port.rssBytes() });
    },
    (err) => fail(-1, err),
  );
}
