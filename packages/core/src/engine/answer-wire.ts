import type { WorkerMessage } from './protocol.ts';
import type { WorkerEvents } from './transport.ts';
import { isWorkerExit } from './web-exit.ts';

/**
 * A task's number answer as it crosses a worker's channel (a thread's `postMessage`, a process's IPC):
 * an array, not the `done` object. Stamped, `[id, value, startedAt, doneAt]`; unstamped (a payload
 * task, whose worker reads no clock), `[id, value]`; either with the payload sent back as one more
 * item, so the length alone tells the four apart. Why an array: every key of a message is a string
 * the channel writes and the other side makes again, and on Deno's IPC (2.9.6, JSON field by
 * field in native code) an answer's five keys cost more than the round trip's other work; on Bun's
 * threads the `done` object's `t` and two stamps cost about 2 µs of a 22 µs round trip at 1 KiB.
 * Only a number's answer travels so: the array would turn a module's `undefined` into `null`, the
 * object drops it.
 */
export type AnswerWire =
  | [id: number, value: number]
  | [id: number, value: number, payload: unknown]
  | [id: number, value: number, startedAt: number, doneAt: number]
  | [id: number, value: number, startedAt: number, doneAt: number, payload: unknown];

/** What a worker sends for `msg`: the compact answer where it applies, else the message itself. */
export function toAnswerWire(msg: WorkerMessage): WorkerMessage | AnswerWire {
  if (msg.t !== 'done' || typeof msg.value !== 'number') return msg;
  const { id, value, payload } = msg;
  // Each form made whole, not grown by a push (on Bun a grown array cost a payload answer ~1 µs).
  if (msg.startedAt === undefined && msg.doneAt === undefined) {
    return payload === undefined ? [id, value] : [id, value, payload];
  }
  const startedAt = msg.startedAt ?? Number.NaN;
  const doneAt = msg.doneAt ?? Number.NaN;
  return payload === undefined ? [id, value, startedAt, doneAt] : [id, value, startedAt, doneAt, payload];
}

/** A message from a worker's channel as the hub reads it; undefined for its goodbye (web-exit.ts). */
export function fromAnswerWire(msg: unknown): WorkerMessage | undefined {
  if (Array.isArray(msg)) {
    const done: Extract<WorkerMessage, { t: 'done' }> = { t: 'done', id: msg[0], value: msg[1] };
    if (msg.length >= 4) {
      // NaN crosses JSON as null: a stamp the worker did not have stays unknown.
      done.startedAt = msg[2] ?? Number.NaN;
      done.doneAt = msg[3] ?? Number.NaN;
      if (msg.length > 4) done.payload = msg[4];
    } else if (msg.length === 3) done.payload = msg[2];
    return done;
  }
  return isWorkerExit(msg) ? undefined : (msg as WorkerMessage);
}

/** A channel's handler on the hub: every message but the goodbye reaches the hub, answers as objects. */
export const answerListener =
  (events: WorkerEvents) =>
  (msg: unknown): void => {
    const m = fromAnswerWire(msg);
    if (m !== undefined) events.message(m);
  };
