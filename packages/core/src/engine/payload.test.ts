import { describe, expect, test } from 'vitest';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES } from './frames.ts';
import {
  checksumBytes,
  checksumDoc,
  docBytes,
  type PayloadDoc,
  payloadAnswer,
  payloadBytes,
  payloadDoc,
  payloadValue,
  SHARED_HEADER_BYTES,
} from './payload.ts';
import { PayloadFeed } from './payload-feed.ts';

describe('the payload and its checksum', () => {
  test.each([1, 3, 4, 5, 63, 64, 65, 1024, 4099])('%i bytes: the document and the bytes have one checksum', (n) => {
    const doc = payloadDoc(n);
    expect(docBytes(doc)).toBe(n);
    expect(checksumDoc(doc)).toBe(checksumBytes(payloadBytes(n)));
  });

  test('every byte counts: changing any one changes the checksum', () => {
    const b = payloadBytes(1030);
    const sum = checksumBytes(b);
    for (const k of [0, 1, 2, 3, 511, 1027, 1028, 1029]) {
      const c = b.slice();
      c[k] = (c[k] as number) ^ 1;
      expect(checksumBytes(c), `byte ${k}`).not.toBe(sum);
    }
  });

  test('an unaligned view reads the same words as an aligned copy, at every offset and length', () => {
    for (const skew of [1, 2, 3, 5]) {
      for (const n of [0, 1, 3, 4, 5, 7, 8, 9, 12, 13, 777, 4099]) {
        const b = payloadBytes(n);
        // The view ends where its buffer does: the aligned reads must not need a word past it.
        const host = new Uint8Array(skew + n);
        host.set(b, skew);
        expect(checksumBytes(host.subarray(skew)), `offset ${skew}, ${n} bytes`).toBe(checksumBytes(b));
      }
    }
  });

  test('every byte of an unaligned view counts', () => {
    const host = new Uint8Array(1 + 1030);
    host.set(payloadBytes(1030), 1);
    const sum = checksumBytes(host.subarray(1));
    for (const k of [0, 1, 2, 3, 4, 511, 1023, 1024, 1027, 1028, 1029]) {
      const c = host.slice();
      c[1 + k] = (c[1 + k] as number) ^ 1;
      expect(checksumBytes(c.subarray(1)), `byte ${k}`).not.toBe(sum);
    }
  });

  test('a worker answers each way with the checksum mixed with the task id', () => {
    const b = payloadBytes(100);
    const want = payloadAnswer(checksumBytes(b), 7);
    expect(payloadValue('clone-buffer', b.slice().buffer, 7)).toBe(want);
    expect(payloadValue('advanced-buffer', b, 7)).toBe(want);
    // A view at an odd offset, as Node's 'advanced' IPC hands out.
    const skewed = new Uint8Array(101);
    skewed.set(b, 1);
    expect(payloadValue('advanced-buffer', skewed.subarray(1), 7)).toBe(want);
    expect(payloadValue('transfer', b.slice().buffer, 7)).toBe(want);
    expect(payloadValue('frames', b, 7)).toBe(want);
    for (const way of ['json', 'advanced', 'clone-object'] as const)
      expect(payloadValue(way, payloadDoc(100), 7)).toBe(want);
    expect(payloadValue('json', payloadDoc(100), 8)).not.toBe(want);
  });

  test('a shared payload is read after its hand-off, and the answer is written into its header', () => {
    const sab = new SharedArrayBuffer(SHARED_HEADER_BYTES + 100);
    new Uint8Array(sab, SHARED_HEADER_BYTES).set(payloadBytes(100));
    const header = new Int32Array(sab, 0, 2);
    expect(() => payloadValue('shared', sab, 7)).toThrow(/hand-off of task 7 not seen \(sequence 0\)/);
    Atomics.store(header, 0, 8);
    const value = payloadValue('shared', sab, 7);
    expect(value).toBe(payloadAnswer(checksumBytes(payloadBytes(100)), 7));
    expect(Atomics.load(header, 1)).toBe(value | 0);
  });

  test('a payload of the wrong form is refused by name', () => {
    const b = payloadBytes(100);
    expect(() => payloadValue('json', b, 7)).toThrow(/a json payload must be a document of rows/);
    expect(() => payloadValue('shared', b.buffer, 7)).toThrow(/SharedArrayBuffer/);
    expect(() => payloadValue('clone-buffer', 'bytes', 7)).toThrow(/expected bytes, got string/);
  });
});

describe('binary frames', () => {
  test('a message with bytes goes as one binary frame and comes back, cut anywhere', () => {
    const payload = payloadBytes(300);
    const frames = [
      encodeFrame({ t: 'ready', rssBytes: 1 }),
      encodeFrame({ t: 'done', id: 2, value: 9, payload }),
      encodeFrame({ t: 'pong', id: 3 }),
    ];
    const all = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const f of frames) {
      all.set(f, at);
      at += f.length;
    }
    for (const cut of [1, 2, 5, 7, 100, 333, all.length - 1]) {
      const d = new FrameDecoder();
      const got = [...d.push(all.subarray(0, cut)), ...d.push(all.subarray(cut))];
      expect(got).toHaveLength(3);
      expect(got[0]).toEqual({ t: 'ready', rssBytes: 1 });
      const done = got[1] as { payload: Uint8Array; id: number };
      expect(done.id).toBe(2);
      expect(checksumBytes(done.payload)).toBe(checksumBytes(payload));
      expect(got[2]).toEqual({ t: 'pong', id: 3 });
      expect(d.pendingBytes).toBe(0);
    }
  });

  test('a JSON frame over its cap is refused, a binary one is not held to it', () => {
    const big = new Uint8Array(8);
    new DataView(big.buffer).setUint32(0, MAX_FRAME_BYTES + 1);
    expect(() => new FrameDecoder().push(big)).toThrow(/over 1048576: not a frame stream/);
    const bin = encodeFrame({ t: 'done', id: 0, value: 0, payload: new Uint8Array(MAX_FRAME_BYTES + 10) });
    expect(new FrameDecoder().push(bin)).toHaveLength(1);
  });

  test('a binary frame whose JSON length runs past its end is refused', () => {
    const f = encodeFrame({ t: 'done', id: 0, value: 0, payload: new Uint8Array(4) });
    new DataView(f.buffer).setUint32(4, 1000);
    expect(() => new FrameDecoder().push(f)).toThrow(/JSON length is past its end/);
  });
});

describe('the hub side of a payload cell', () => {
  test('bytes made before the run are sent as they are, never written; a part of a buffer is copied out', () => {
    const made = payloadBytes(4096);
    const before = made.slice();
    const sum = checksumBytes(made);
    const buffer = new PayloadFeed({ way: 'clone-buffer', bytes: 4096, made }, 1);
    expect(buffer.sum).toBe(sum);
    expect(buffer.next(0, 0).fields.payload).toBe(made.buffer);
    expect(new PayloadFeed({ way: 'advanced-buffer', bytes: 4096, made }, 1).next(0, 0).fields.payload).toBe(made);
    const host = new Uint8Array(4100);
    host.set(made, 4);
    const part = new PayloadFeed({ way: 'clone-buffer', bytes: 4096, made: host.subarray(4) }, 1).next(0, 0);
    expect(part.fields.payload).not.toBe(host.buffer);
    expect(checksumBytes(new Uint8Array(part.fields.payload as ArrayBuffer))).toBe(sum);
    // A transferred buffer is the worker's own copy: moving it leaves the made bytes whole.
    const moved = new PayloadFeed({ way: 'transfer', bytes: 4096, made }, 2);
    expect(moved.next(0, 0).fields.payload).not.toBe(made.buffer);
    expect(made).toEqual(before);
  });

  test('a document made before the run is sent as it is; one of another size or content is not used', () => {
    const made = payloadBytes(1000);
    const doc = payloadDoc(1000);
    const feed = new PayloadFeed({ way: 'json', bytes: 1000, made, madeDoc: doc }, 1);
    expect(feed.next(0, 0).fields.payload).toBe(doc);
    expect(feed.received(0, 0, structuredClone(doc))).toBeUndefined();
    const other = new PayloadFeed({ way: 'clone-object', bytes: 1000, madeDoc: payloadDoc(900) }, 1);
    expect(other.next(0, 0).fields.payload).not.toBe(doc);
    expect(checksumDoc(other.next(0, 1).fields.payload as PayloadDoc)).toBe(other.sum);
    const changed = payloadDoc(1000);
    (changed.rows[0] as { text: string }).text = 'x'.repeat(64);
    const refused = new PayloadFeed({ way: 'advanced', bytes: 1000, madeDoc: changed }, 1);
    expect(refused.next(0, 0).fields.payload).not.toBe(changed);
    expect(checksumDoc(refused.next(0, 1).fields.payload as PayloadDoc)).toBe(refused.sum);
  });

  test('made bytes of another size are not used', () => {
    const feed = new PayloadFeed({ way: 'advanced-buffer', bytes: 100, made: payloadBytes(64) }, 1);
    expect((feed.next(0, 0).fields.payload as Uint8Array).length).toBe(100);
    expect(feed.sum).toBe(checksumBytes(payloadBytes(100)));
  });
});
