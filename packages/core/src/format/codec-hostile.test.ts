import { Packr } from 'msgpackr';
import { describe, expect, test } from 'vitest';
import { MAX_CELLS, MAX_NESTING, MIN_BYTES_PER_CONTAINER } from '../constants.ts';
import { packByHand, packed, referenceBomb, refusal, sampleResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';

/** The fastest of `runs` calls of `f` after one unmeasured call, ms: the one least disturbed by other work. */
function fastestMs(f: () => unknown, runs = 5): number {
  f();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** A valid result file of about 100 KB: the sample's first cell with 100 samples, 25 times. */
function validFile(): Uint8Array {
  const s = sampleResult();
  const cell = { ...s.cells[0]!, samples: Array(100).fill(s.cells[0]!.samples[0]) };
  return encodeResult({ ...s, cells: Array(25).fill(cell) });
}

/** What reading a valid file costs per byte on this machine now, ms (measured once per file of tests). */
let validMsPerByte: number | undefined;
function msPerValidByte(): number {
  if (validMsPerByte === undefined) {
    const valid = validFile();
    validMsPerByte = fastestMs(() => decodeResult(valid, 'valid')) / valid.length;
  }
  return validMsPerByte;
}

/**
 * Refused by the guard the message names, at no more cost than reading a valid file of its size:
 * the rate per byte is measured in this run (the fastest of five decodes of a 100 KB file), so the
 * bound follows the machine's load where a fixed 100 ms did not. The message is what shows that
 * the guard, not a later check, refused the file (without it: 9 million objects from a 40 KB bomb,
 * a stack overflow, 256 MB of empty maps); the time, that the guard's own pass stays linear. The
 * 5 ms floor keeps sub-millisecond timings out of the clock's noise.
 */
function expectRefusedInProportion(bytes: Uint8Array, message: RegExp): void {
  expect(refusal(bytes)).toMatch(message);
  expect(fastestMs(() => refusal(bytes))).toBeLessThan(Math.max(3 * msPerValidByte() * bytes.length, 5));
}

describe('decodeResult: crafted files cost time in proportion to their size', () => {
  test('a reference bomb (3,000 references to a cell of 3,000 references to a sample) is refused at once', () => {
    const bytes = referenceBomb(3000);
    expect(bytes.length).toBeLessThan(40_000);
    expectRefusedInProportion(bytes, /^some\/file\.msgpack: not a msgpack result file \(extension type at byte \d+/);
  });

  test('so is one written with records too, and one with bundled strings', () => {
    expect(refusal(referenceBomb(50, new Packr({ structuredClone: true })))).toMatch(/extension type at byte/);
    const bundled = new Packr({ useRecords: false, bundleStrings: true }).pack(sampleResult());
    expect(refusal(bundled)).toMatch(/extension type at byte \d+/);
  });

  test('every extension type, in every ext format, is refused', () => {
    const s = sampleResult();
    const at = (ext: number[]) => {
      const marker = packed({ ...s, durationMs: 0x7e_7e_7e_7e });
      const i = marker.findIndex((b, k) => b === 0xce && marker[k + 1] === 0x7e && marker[k + 4] === 0x7e);
      return Uint8Array.from([...marker.subarray(0, i), ...ext, ...marker.subarray(i + 5)]);
    };
    for (const type of [0x00, 0x42, 0x62, 0x65, 0x69, 0x70, 0x72, 0x73, 0x74, 0x78, 0xff]) {
      for (const ext of [
        [0xd4, type, 0],
        [0xd5, type, 0, 0],
        [0xd6, type, 0, 0, 0, 0],
        [0xd7, type, ...Array(8).fill(0)],
        [0xd8, type, ...Array(16).fill(0)],
        [0xc7, 1, type, 0],
        [0xc8, 0, 1, type, 0],
        [0xc9, 0, 0, 0, 1, type, 0],
      ]) {
        expect(refusal(at(ext)), `ext ${ext.slice(0, 2)}`).toMatch(/extension type at byte \d+/);
      }
    }
    expect(refusal(at([0xc1]))).toMatch(/byte 0xc1 at \d+ is reserved in msgpack/);
  });

  test.each<[string, Uint8Array]>([
    ['lists', Uint8Array.from([...Array(100_000).fill(0x91), 0xc0])],
    ['maps', Uint8Array.from([...Array(100_000).fill([0x81, 0xa1, 0x61]).flat(), 0xc0])],
    ['list32 headers', Uint8Array.from([...Array(100_000).fill([0xdd, 0, 0, 0, 1]).flat(), 0xc0])],
  ])('100,000 nested %s are refused quickly, without a stack overflow', (_name, bytes) => {
    expectRefusedInProportion(bytes, new RegExp(`maps and lists nested more than ${MAX_NESTING} deep, at byte \\d+`));
  });

  test(`nesting of ${MAX_NESTING} reads; the file's own schema is 5 deep`, () => {
    const s = sampleResult();
    let deep: unknown = 1;
    for (let i = 0; i < MAX_NESTING - 1; i++) deep = [deep];
    expect(refusal(packByHand({ ...s, extra: deep, id: '' }))).toMatch(/id: must not be empty/);
    expect(refusal(packByHand({ ...s, extra: [deep], id: '' }))).toMatch(/nested more than/);
  });

  test('a file of little more than maps and lists is refused before they are built', () => {
    // 4 MB of empty maps would take 256 MB of heap decoded.
    const n = 4_000_000;
    const bytes = new Uint8Array(5 + n).fill(0x80);
    bytes.set([0xdd, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
    expectRefusedInProportion(
      bytes,
      new RegExp(
        `more than one map or list per ${MIN_BYTES_PER_CONTAINER} bytes, at byte \\d+: a result file is mostly`,
      ),
    );
    // The densest real file, every cell failed without a sample, is far from the limit.
    const s = sampleResult();
    const failed = s.cells[1]!;
    const dense = encodeResult({ ...s, cells: Array(MAX_CELLS).fill({ ...failed, error: undefined }) });
    expect(decodeResult(dense, 'dense').cells).toHaveLength(MAX_CELLS);
  });

  test('a header that promises more than the file holds is refused before anything is built', () => {
    const s = encodeResult(sampleResult());
    expect(refusal(Uint8Array.from([0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0]))).toMatch(/ends early/);
    expect(refusal(Uint8Array.from([0xdf, 0xff, 0xff, 0xff, 0xff]))).toMatch(/ends early/);
    expect(refusal(Uint8Array.from([0xdb, 0xff, 0xff, 0xff, 0xff, 0x61]))).toMatch(
      /ends early, inside the value at byte 0/,
    );
    expect(refusal(Uint8Array.from([...s, 0xc0]))).toMatch(/extra bytes after the value, from byte \d+/);
  });
});
