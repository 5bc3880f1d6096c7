import { describe, expect, test } from 'vitest';
import { fromIpcWire, ipcListener, toIpcWire } from './ipc-wire.ts';
import type { WorkerMessage } from './protocol.ts';

/** Through JSON, as a process's IPC channel carries it with `serialization: 'json'`. */
const overJson = (m: unknown): unknown => JSON.parse(JSON.stringify(m));

describe('a process IPC channel carries a number answer as an array', () => {
  test('an answer with its stamps goes as [id, value, startedAt, doneAt] and comes back the same', () => {
    const msg: WorkerMessage = { t: 'done', id: 7, value: 3_000_000_001, startedAt: 1.25, doneAt: 2.5 };
    const wire = overJson(toIpcWire(msg));
    expect(wire).toEqual([7, 3_000_000_001, 1.25, 2.5]);
    expect(fromIpcWire(wire)).toEqual(msg);
  });

  test('a payload sent back rides as a fifth item, through JSON and through the structured clone', () => {
    const doc = { rows: [{ i: 0, text: 'abc' }] };
    const msg: WorkerMessage = { t: 'done', id: 1, value: 9, startedAt: 1, doneAt: 2, payload: doc };
    expect(fromIpcWire(overJson(toIpcWire(msg)))).toEqual(msg);
    const bytes = new Uint8Array([1, 2, 3]);
    const back = fromIpcWire(structuredClone(toIpcWire({ ...msg, payload: bytes })));
    expect(back).toEqual({ ...msg, payload: bytes });
  });

  test('a stamp that JSON turns into null stays unknown (NaN), as the object form gave', () => {
    const back = fromIpcWire(overJson(toIpcWire({ t: 'done', id: 2, value: 5, startedAt: Number.NaN, doneAt: 4 })));
    expect(back).toEqual({ t: 'done', id: 2, value: 5, startedAt: Number.NaN, doneAt: 4 });
  });

  test("a module's other answers, and every other message, keep their object form", () => {
    for (const msg of [
      { t: 'done', id: 3, value: undefined, startedAt: 1, doneAt: 2 },
      { t: 'done', id: 4, value: 'text', startedAt: 1, doneAt: 2 },
      { t: 'done', id: 5, value: [1, 2], startedAt: 1, doneAt: 2 },
      { t: 'ready', rssBytes: 10 },
      { t: 'pong', id: 1 },
      { t: 'fail', id: 6, error: { name: 'Error', message: 'no' } },
    ] as WorkerMessage[]) {
      expect(toIpcWire(msg)).toBe(msg);
      expect(fromIpcWire(msg)).toBe(msg);
    }
  });

  test("the hub's listener passes every message on, answers as objects, and keeps the goodbye back", () => {
    const seen: WorkerMessage[] = [];
    const listen = ipcListener({ message: (m) => seen.push(m), exit: () => {}, error: () => {} });
    listen([1, 2, 3, 4]);
    listen({ t: 'exited', code: 0 });
    listen({ t: 'pong', id: 9 });
    expect(seen).toEqual([
      { t: 'done', id: 1, value: 2, startedAt: 3, doneAt: 4 },
      { t: 'pong', id: 9 },
    ]);
  });
});
