import type { Fault } from '../format/types.ts';
import { receiveArg } from './arg-transfer.ts';
import { type PayloadReply, servePayload } from './payload.ts';
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

/** When a task started and ended on the worker's clock (`workerNow`). */
interface Stamps {
  startedAt: number;
  doneAt: number;
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
  /** Send task `id`'s answer: `stamps` when it was timed (not a payload task), what goes back with it. */
  const answer = (id: number, value: unknown, stamps?: Stamps, reply?: PayloadReply) => {
    try {
      const back = reply?.back;
      // Each shape made whole, not grown by a store.
      const msg: Extract<WorkerMessage, { t: 'done' }> =
        stamps === undefined
          ? back === undefined
            ? { t: 'done', id, value }
            : { t: 'done', id, value, payload: back }
          : back === undefined
            ? { t: 'done', id, value, startedAt: stamps.startedAt, doneAt: stamps.doneAt }
            : { t: 'done', id, value, startedAt: stamps.startedAt, doneAt: stamps.doneAt, payload: back };
      port.post(msg, reply?.transfer);
    } catch (err) {
      fail(id, new UnsendableAnswer(`its answer could not be sent back: ${(err as Error).message}`));
    }
  };
  const done = (id: number, value: unknown, startedAt: number, reply?: PayloadReply) =>
    answer(id, value, { startedAt, doneAt: workerNow() }, reply);
  let target: TaskTarget = {};
  port.on((msg) => {
    if (msg.t === 'ping') {
      port.post({ t: 'pong', id: msg.id });
      return;
    }
    if (msg.t === 'exit') {
      port.close();
      return;
    }
    if (msg.t !== 'task') return;
    const { id } = msg;
    // A payload task measures its channel: the worker adds nothing to the round trip that it need
    // not, its two clock reads included (1-2 µs a task on this machine's threads, against a 22-25 µs
    // round trip at 1 KiB). Its cell's per-task times are the hub's: response only (method `hub`).
    if (msg.kind === 'payload' && msg.way) {
      try {
        if (msg.fault) injectFault(msg.fault);
        const reply = servePayload(msg.way, msg.payload, id);
        answer(id, reply.value, undefined, reply);
      } catch (err) {
        fail(id, err);
      }
      return;
    }
    // Two clock reads per task, the whole cost of per-task times on the worker side.
    const startedAt = workerNow();
    try {
      if (msg.fault) injectFault(msg.fault);
      // `--arg-transfer`: the arg as the function takes it, and what goes back after (a moved buffer).
      const a = msg.argWay ? receiveArg(msg) : { arg: msg.arg };
      const value = runTask(msg.kind, msg, id, target, a.arg);
      const back = (v: unknown): PayloadReply | undefined =>
        'back' in a ? { value: v as number, back: a.back, ...(a.transfer ? { transfer: a.transfer } : {}) } : undefined;
      if (value instanceof Promise) {
        value.then(
          (v) => done(id, v, startedAt, back(v)),
          (err) => fail(id, err),
        );
      } else {
        done(id, value, startedAt, back(value));
      }
    } catch (err) {
      fail(id, err);
    }
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
