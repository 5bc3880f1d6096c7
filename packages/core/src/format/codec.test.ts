import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { packed, refusal, sampleResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';
import type { ResultFile } from './types.ts';
import { resultFileName, writeAtomic, writeResult } from './write.ts';

const sample = sampleResult;

describe('decodeResult', () => {
  test('round-trips every field', () => {
    expect(decodeResult(encodeResult(sample()), 'f')).toEqual(sample());
  });

  test('writes the portable form: plain maps that any msgpack reader can open', () => {
    const bytes = encodeResult(sample());
    // A fixmap/map16 marker first, not msgpackr's record extension (0xd4..0xd8 ext types).
    const first = bytes[0] as number;
    expect((first >= 0x80 && first <= 0x8f) || first === 0xde).toBe(true);
    expect(Buffer.from(bytes).includes(Buffer.from('schemaVersion'))).toBe(true);
  });

  test('a truncated file is refused, naming the file', () => {
    const bytes = encodeResult(sample());
    expect(refusal(bytes.subarray(0, bytes.length >> 1))).toMatch(/^some\/file\.msgpack: /);
  });

  test('a foreign file (JSON text, random bytes) is refused', () => {
    expect(refusal(new TextEncoder().encode('{"schemaVersion":1}'))).toMatch(/some\/file\.msgpack/);
    expect(refusal(new Uint8Array([0xc1, 0xc1, 0xc1]))).toMatch(/not a msgpack result file/);
  });

  test('an unknown schema version is refused with the version named', () => {
    expect(refusal(packed({ ...sample(), schemaVersion: 2 }))).toMatch(/schemaVersion: unsupported schema version 2/);
  });

  test('a malformed field is named by its path', () => {
    const bad = sample() as unknown as { cells: Array<{ samples: Array<{ workMs: unknown }> }> };
    (bad.cells[0] as { samples: Array<{ workMs: unknown }> }).samples[0]!.workMs = 'fast';
    expect(refusal(packed(bad))).toMatch(/cells\[0\]\.samples\[0\]\.workMs: expected a finite number/);
    expect(refusal(packed({ ...sample(), env: { ...sample().env, cores: 0 } }))).toMatch(
      /env\.cores: expected at least 1/,
    );
    expect(refusal(packed({ ...sample(), cells: [{ ...sample().cells[0], mode: 'fibers' }] }))).toMatch(
      /cells\[0\]\.mode: expected one of threads, processes, sequential, async, got 'fibers'/,
    );
    expect(refusal(packed({ ...sample(), createdAt: 'yesterday' }))).toMatch(/createdAt: not an ISO-8601 time/);
  });

  test('an ok cell without samples is refused', () => {
    const s = sample();
    s.cells[0]!.samples = [];
    expect(refusal(encodeResult(s))).toMatch(/cells\[0\]\.samples: an ok cell needs at least one sample/);
  });
});

describe('decodeResult: batch', () => {
  const withBatch = (batch: unknown) => ({ ...sample(), batch });

  test('is read when present, and stays absent when the file has none', () => {
    const s: ResultFile = { ...sample(), batch: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', round: 2, rounds: 3 } };
    expect(decodeResult(encodeResult(s), 'f').batch).toEqual(s.batch);
    expect(decodeResult(encodeResult(sample()), 'f')).not.toHaveProperty('batch');
  });

  test.each([
    [{ id: '', round: 1, rounds: 1 }, /batch\.id: expected 1 to 64/],
    [{ id: 'x'.repeat(65), round: 1, rounds: 1 }, /batch\.id: expected 1 to 64/],
    [{ id: 'a b/../c', round: 1, rounds: 1 }, /batch\.id: expected 1 to 64/],
    [{ id: 7, round: 1, rounds: 1 }, /batch\.id: expected a string/],
    [{ id: 'b', round: 0, rounds: 1 }, /batch\.round: expected at least 1/],
    [{ id: 'b', round: 1.5, rounds: 2 }, /batch\.round: expected a whole number/],
    [{ id: 'b', round: 3, rounds: 2 }, /batch\.round: expected a whole number from 1 to rounds \(2\), got 3/],
    [{ id: 'b', round: 1, rounds: 101 }, /batch\.rounds: expected a whole number from 1 to 100, got 101/],
    [{ id: 'b', round: 1 }, /batch\.rounds: expected a finite number/],
    ['b', /batch: expected a map/],
  ])('a malformed batch is refused: %j', (batch, message) => {
    expect(refusal(packed(withBatch(batch)))).toMatch(message);
  });
});

describe('writing', () => {
  test('writeResult writes a decodable file named by time, runtime, label and id, and leaves no temp file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvp-write-'));
    const { file, bytes } = await writeResult(dir, sample());
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
    expect(path.basename(file)).toBe('20261125T200000Z-node-h-0f1e2d3c.msgpack');
    expect(path.basename(file)).toBe(resultFileName(sample()));
    expect(decodeResult(readFileSync(file), file).id).toBe(sample().id);
    // Beside it only the folder of summaries (summary.test.ts).
    expect(readdirSync(dir).sort()).toEqual(['.tvp-summaries', path.basename(file)]);
  });

  test('writeAtomic replaces a file whole: a failed write leaves the old file and no temp file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvp-atomic-'));
    const file = path.join(dir, 'r.msgpack');
    writeFileSync(file, 'old');
    await writeAtomic(file, new TextEncoder().encode('new'));
    expect(readFileSync(file, 'utf8')).toBe('new');
    // A target that is a directory makes the rename fail after the temp file was written.
    const blocked = path.join(dir, 'blocked');
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(blocked, 'x'), { recursive: true }));
    await expect(writeAtomic(blocked, new Uint8Array([1]))).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'r.msgpack']);
  });
});

describe('decodeResult: memory per worker', () => {
  test('is read with its method; an unknown method is refused by name', () => {
    const s = sample();
    const cell = s.cells[0] as ResultFile['cells'][number];
    cell.memory = { bytesPerWorker: 2_000_000, method: 'uss' };
    expect(decodeResult(encodeResult(s), 'f').cells[0]?.memory).toEqual(cell.memory);
    (cell.memory as { method: string }).method = 'vsz';
    expect(() => decodeResult(encodeResult(s), 'f')).toThrow(/cells\[0\]\.memory\.method/);
  });
});
