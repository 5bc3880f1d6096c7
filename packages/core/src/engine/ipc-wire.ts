import type { WorkerMessage } from './protocol.ts';
import type { WorkerEvents } from './transport.ts';
import { isWorkerExit } from './web-exit.ts';

/**
 * A task's answer as it crosses a process's IPC channel: `[id, value, startedAt, doneAt]`, and the
 * payload sent back as a fifth item. An array, not the `done` object: Deno's channel (2.9.6)
 * serializes and parses a message field by field in native code, each key a string made on both
 * sides, so an answer's five keys cost more than the round trip's other work (an answer as an
 * array took less CPU on either side than a minimal `{ id, value }`). Only a number's answer
 * travels so: the array would turn a module's `undefined` into `null`, the object drops it.
 */
export type DoneWire = [id: number, value: number, startedAt: number, doneAt: number, payload?: unknown];

/** What a process worker sends for `msg`: the compact answer where it applies, else the message itself. */
export function toIpcWire(msg: WorkerMessage): WorkerMessage | DoneWire {
  if (msg.t !== 'done' || typeof msg.value !== 'number') return msg;
  const wire: DoneWire = [msg.id, msg.value, msg.startedAt ?? Number.NaN, msg.doneAt ?? Number.NaN];
  if (msg.payload !== undefined) wire.push(msg.payload);
  return wire;
}

/** A message from a process worker's channel as the hub reads it; undefined for its goodbye (web-exit.ts). */
export function fromIpcWire(msg: unknown): WorkerMessage | undefined {
  if (Array.isArray(msg)) {
    const [id, value, startedAt, doneAt] = msg as DoneWire;
    // NaN crosses JSON as null: a stamp the worker did not have stays unknown.
    const done: Extract<WorkerMessage, { t: 'done' }> = {
      t: 'done',
      id,
      value,
      startedAt: startedAt ?? Number.NaN,
      doneAt: doneAt ?? Number.NaN,
    };
    if (msg.length > 4) done.payload = msg[4];
    return done;
  }
  return isWorkerExit(msg) ? undefined : (msg as WorkerMessage);
}

/** A process transport's channel handler: every message but the goodbye reaches the hub, answers as objects. */
export const ipcListener =
  (events: WorkerEvents) =>
  (msg: unknown): void => {
    const m = fromIpcWire(msg);
    if (m !== undefined) events.message(m);
  };
