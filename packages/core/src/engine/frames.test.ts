import { describe, expect, test } from 'vitest';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES } from './frames.ts';

const msgs = [
  { t: 'ready', rssBytes: 123 },
  { t: 'done', id: 7, value: -1.5 },
  { t: 'fail', error: { name: 'É', message: '✓' } },
];
const stream = () => {
  const frames = msgs.map(encodeFrame);
  const all = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frames) {
    all.set(f, at);
    at += f.length;
  }
  return all;
};

describe('frames', () => {
  test('a frame is a 4-byte big-endian length, then the UTF-8 JSON', () => {
    const f = encodeFrame({ t: 'é' });
    const body = new TextEncoder().encode('{"t":"é"}');
    expect([...f.subarray(0, 4)]).toEqual([0, 0, 0, body.length]);
    expect(f.subarray(4)).toEqual(body);
  });

  test('every message comes back in order, whatever the chunking, even inside a character', () => {
    const all = stream();
    for (const size of [1, 2, 3, 5, 7, 64, all.length]) {
      const d = new FrameDecoder();
      const got: unknown[] = [];
      for (let i = 0; i < all.length; i += size) got.push(...d.push(all.subarray(i, i + size)));
      expect(got).toEqual(msgs);
      expect(d.pendingBytes).toBe(0);
    }
  });

  test('a partial frame waits for the rest', () => {
    const f = encodeFrame({ t: 'pong', id: 1 });
    const d = new FrameDecoder();
    expect(d.push(f.subarray(0, 6))).toEqual([]);
    expect(d.pendingBytes).toBe(6);
    expect(d.push(f.subarray(6))).toEqual([{ t: 'pong', id: 1 }]);
  });

  test('text that is not frames is refused at once, naming the length it read', () => {
    const d = new FrameDecoder();
    expect(() => d.push(new TextEncoder().encode('hello from a stray console.log\n'))).toThrow(
      /frame length \d+ is over 1048576: not a frame stream/,
    );
  });

  test('a message too large to send is refused by its sender', () => {
    expect(() => encodeFrame({ s: 'x'.repeat(MAX_FRAME_BYTES) })).toThrow(/is over 1048576/);
  });
});
