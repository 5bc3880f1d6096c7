import { describe, expect, test } from 'vitest';
import { answerListener, fromAnswerWire, toAnswerWire } from './answer-wire.ts';
import type { WorkerMessage } from './protocol.ts';

/** Through JSON, as a process's IPC channel carries it with `serialization: 'json'`. */
const overJson = (m: unknown): unknown => JSON.parse(JSON.stringify(m));

describe('a channel carries a number answer as an array', () => {
  test('an answer with its stamps goes as [id, value, startedAt, doneAt] and comes back the same', () => {
    const msg: WorkerMessage = { t: 'done', id: 7, value: 3_000_000_001, startedAt: 1.25, doneAt: 2.5 };
    const wire = overJson(toAnswerWire(msg));
    expect(wire).toEqual([7, 3_000_000_001, 1.25, 2.5]);
    expect(fromAnswerWire(wire)).toEqual(msg);
  });

  test('a payload sent back rides as a fifth item, through JSON and through the structured clone', () => {
    const doc = { rows: [{ i: 0, text: 'abc' }] };
    const msg: WorkerMessage = { t: 'done', id: 1, value: 9, startedAt: 1, doneAt: 2, payload: doc };
    expect(fromAnswerWire(overJson(toAnswerWire(msg)))).toEqual(msg);
    const bytes = new Uint8Array([1, 2, 3]);
    const back = fromAnswerWire(structuredClone(toAnswerWire({ ...msg, payload: bytes })));
    expect(back).toEqual({ ...msg, payload: bytes });
  });

  test('a stamp that JSON turns into null stays unknown (NaN), as the object form gave', () => {
    const back = fromAnswerWire(
      overJson(toAnswerWire({ t: 'done', id: 2, value: 5, startedAt: Number.NaN, doneAt: 4 })),
    );
    expect(back).toEqual({ t: 'done', id: 2, value: 5, startedAt: Number.NaN, doneAt: 4 });
  });

  test('an answer without stamps (a payload task) goes as [id, value] or [id, value, payload], and comes back the same', () => {
    const bare: WorkerMessage = { t: 'done', id: 4, value: 11 };
    expect(overJson(toAnswerWire(bare))).toEqual([4, 11]);
    expect(fromAnswerWire(overJson(toAnswerWire(bare)))).toEqual(bare);
    const doc = { rows: [{ i: 0, text: 'abc' }] };
    const withDoc: WorkerMessage = { t: 'done', id: 5, value: 12, payload: doc };
    expect(overJson(toAnswerWire(withDoc))).toEqual([5, 12, doc]);
    expect(fromAnswerWire(overJson(toAnswerWire(withDoc)))).toEqual(withDoc);
    // Through the structured clone, as a thread's postMessage and `advanced` IPC carry it.
    const bytes = new Uint8Array([1, 2, 3]);
    const withBytes: WorkerMessage = { t: 'done', id: 6, value: 13, payload: bytes };
    expect(fromAnswerWire(structuredClone(toAnswerWire(withBytes)))).toEqual(withBytes);
    // A payload that is itself a number is not taken for a stamp: the length tells them apart.
    const numeric: WorkerMessage = { t: 'done', id: 7, value: 14, payload: 99 };
    expect(fromAnswerWire(toAnswerWire(numeric))).toEqual(numeric);
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
      expect(toAnswerWire(msg)).toBe(msg);
      expect(fromAnswerWire(msg)).toBe(msg);
    }
  });

  test("the hub's listener passes every message on, answers as objects, and keeps the goodbye back", () => {
    const seen: WorkerMessage[] = [];
    const listen = answerListener({ message: (m) => seen.push(m), exit: () => {}, error: () => {} });
    listen([1, 2, 3, 4]);
    listen({ t: 'exited', code: 0 });
    listen({ t: 'pong', id: 9 });
    expect(seen).toEqual([
      { t: 'done', id: 1, value: 2, startedAt: 3, doneAt: 4 },
      { t: 'pong', id: 9 },
    ]);
  });
});
