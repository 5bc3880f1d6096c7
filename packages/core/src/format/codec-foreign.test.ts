import { describe, expect, test } from 'vitest';
import { bin, f32, i64, packByHand, refusal, sampleResult, str8, u64 } from './codec.fixture.ts';
import { decodeResult } from './codec.ts';
import type { ResultFile } from './types.ts';

// Files from other writers: any legal msgpack encoding of the fields is read (DESIGN.md).
describe('decodeResult: files from other msgpack writers', () => {
  test('the hand encoder writes the bytes the msgpack spec gives', () => {
    expect([...u64(24e9).bytes]).toEqual([0xcf, 0, 0, 0, 0x05, 0x96, 0x82, 0xf0, 0x00]);
    expect([...i64(-2).bytes]).toEqual([0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]);
    expect([...f32(52.5).bytes]).toEqual([0xca, 0x42, 0x52, 0x00, 0x00]);
    expect([...str8('node').bytes]).toEqual([0xd9, 4, 0x6e, 0x6f, 0x64, 0x65]);
    expect([...packByHand({ a: [1, -1, 300, 'x'] })]).toEqual([
      0x81, 0xa1, 0x61, 0x94, 0x01, 0xff, 0xcd, 0x01, 0x2c, 0xa1, 0x78,
    ]);
  });

  // Each swaps some fields' encoding; `expected` says how the decoded file differs from the sample.
  const s = sampleResult();
  test.each<[string, (r: ResultFile) => unknown, (r: ResultFile) => void, number]>([
    [
      'uint64 (0xcf), as Python, Go and Rust write memoryBytes',
      (r) => ({ ...r, env: { ...r.env, memoryBytes: u64(24e9) } }),
      () => undefined,
      0xcf,
    ],
    [
      'int64 (0xd3), positive and negative',
      (r) => ({
        ...r,
        env: { ...r.env, cores: i64(2), loadavgStart: [i64(-1), 0.4, 0.3] },
        config: { ...r.config, count: i64(10) },
      }),
      (r) => {
        r.env.loadavgStart[0] = -1;
      },
      0xd3,
    ],
    [
      'float32 (0xca)',
      (r) => ({
        ...r,
        config: { ...r.config, ioMs: f32(5) },
        cells: [
          {
            ...r.cells[0],
            samples: [{ totalMs: f32(60), spawnMs: f32(5.25), workMs: f32(52), teardownMs: 3, readyAtMs: f32(5) }],
          },
          r.cells[1],
        ],
      }),
      (r) => {
        r.cells[0]!.samples[0]!.spawnMs = 5.25;
      },
      0xca,
    ],
    [
      'str8 (0xd9) for short strings',
      (r) => ({
        ...r,
        env: { ...r.env, runtime: str8('node'), vars: { NODE_EXTRA_CA_CERTS: str8('/x.pem') } },
        cells: [{ ...r.cells[0], impl: str8('worker_threads'), task: str8('io') }, r.cells[1]],
      }),
      () => undefined,
      0xd9,
    ],
  ])('%s gives the same file', (_name, swap, expected, marker) => {
    const bytes = packByHand(swap(sampleResult()));
    expect(bytes.includes(marker)).toBe(true);
    const want = sampleResult();
    expected(want);
    expect(decodeResult(bytes, 'foreign.msgpack')).toEqual(want);
  });

  test('an integer that a number cannot hold exactly is refused by name', () => {
    const big = (memoryBytes: unknown) => packByHand({ ...s, env: { ...s.env, memoryBytes } });
    expect(refusal(big(u64(2n ** 53n + 2n)))).toMatch(
      /^some\/file\.msgpack: env\.memoryBytes: expected at most 9007199254740991 \(2\^53 - 1: a larger integer does not fit a number exactly\), got 9007199254740994$/,
    );
    expect(refusal(big(u64(2n ** 64n - 1n)))).toMatch(/env\.memoryBytes: expected at most 9007199254740991/);
    expect(refusal(big(i64(-(2n ** 63n))))).toMatch(/env\.memoryBytes: expected at least 0/);
    const samples = (samplesUs: unknown[]) => packByHand({ ...s, roundTrips: [{ ...s.roundTrips![0], samplesUs }] });
    expect(refusal(samples([40, i64(-(2n ** 60n))]))).toMatch(
      /roundTrips\[0\]\.samplesUs\[1\]: expected at least -9007199254740991/,
    );
    expect(decodeResult(big(u64(2 ** 53 - 1)), 'f').env.memoryBytes).toBe(2 ** 53 - 1);
  });

  test('binary where a string is expected is refused by name', () => {
    expect(refusal(packByHand({ ...s, env: { ...s.env, runtime: bin('node') } }))).toMatch(
      /^some\/file\.msgpack: env\.runtime: expected a string, got binary$/,
    );
    expect(refusal(packByHand({ ...s, warnings: ['w', bin('x')] }))).toMatch(
      /warnings\[1\]: expected a string, got binary/,
    );
    expect(refusal(packByHand({ ...s, env: { ...s.env, vars: { A: bin('x') } } }))).toMatch(
      /env\.vars\.A: expected a string, got binary/,
    );
  });
});
