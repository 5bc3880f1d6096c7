import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { MAX_CELLS } from '../constants.ts';
import { ResultFileError } from '../errors.ts';
import { packed, referenceBomb, sampleResult, warmResult } from './codec.fixture.ts';
import { decodeResult } from './codec.ts';
import {
  type CellColumns,
  decodeSummary,
  encodeSummary,
  MAX_SUMMARY_BYTES,
  readSummary,
  SUMMARY_DIR,
  type SummaryFile,
  summarizeResult,
  summaryBytes,
  summaryMatches,
  summaryPath,
} from './summary.ts';
import type { ResultFile } from './types.ts';
import { writeResult, writeResultFile, writeSummary } from './write.ts';

const dir = () => mkdtempSync(path.join(tmpdir(), 'tvp-summary-'));
const version = (file: string) => {
  const { size, mtimeMs } = statSync(file);
  return { size, mtimeMs };
};
const summaryOf = (r: ResultFile, of = { size: 100, mtimeMs: 1_700_000_000_000.25 }): SummaryFile => ({
  summaryVersion: 1,
  of,
  ...summarizeResult(r),
});

/** The message with which `decodeSummary` refuses `bytes`; fails if it reads them. */
function refusal(bytes: Uint8Array): string {
  try {
    decodeSummary(bytes, 'r/.tvp-summaries/x.msgpack.summary');
  } catch (err) {
    expect(err).toBeInstanceOf(ResultFileError);
    return (err as Error).message;
  }
  throw new Error('expected the summary to be refused');
}

describe('writeResult writes a summary beside the file', () => {
  test('in the dot folder, tied to the size and mtime of the file, holding its cells without samples', async () => {
    const d = dir();
    const r = sampleResult();
    const { file } = await writeResult(d, r);
    expect(readdirSync(d).sort()).toEqual([SUMMARY_DIR, path.basename(file)]);
    expect(readdirSync(path.join(d, SUMMARY_DIR))).toEqual([`${path.basename(file)}.summary`]);
    const read = readSummary(file, version(file));
    if (!read.ok) throw new Error(`no summary: ${JSON.stringify(read.miss)}`);
    // What a reader would derive from decoding the file, through the same summarizer.
    expect(read.summary).toEqual(summaryOf(decodeResult(readFileSync(file), file), version(file)));
    expect(read.summary.cells.status).toEqual(r.cells.map((c) => c.status));
    expect(read.summary.cells.n).toEqual(r.cells.map((c) => c.samples.length));
    // The median total, computed here from the samples the writer had.
    const totals = r.cells.map((c) => c.samples.map((x) => x.totalMs).sort((a, b) => a - b));
    expect(read.summary.cells.medianMs).toEqual(
      totals.map((t) =>
        t.length === 0 ? null : t.length % 2 ? t[t.length >> 1] : (t[t.length / 2 - 1]! + t[t.length / 2]!) / 2,
      ),
    );
    expect(read.summary.run.cells).toEqual([]);
    expect(read.summary.run.warnings).toBeUndefined();
  });

  test('a file rewritten in place gets a new summary; the old one no longer matches the new file', async () => {
    const d = dir();
    const file = path.join(d, 'r.msgpack');
    const r = sampleResult();
    await writeResultFile(file, new Uint8Array([1, 2, 3]), r);
    const old = readFileSync(summaryPath(file));
    await writeResultFile(file, new Uint8Array([1, 2, 3, 4]), { ...r, id: 'second' });
    expect(readSummary(file, version(file))).toMatchObject({ ok: true, summary: { run: { id: 'second' } } });
    writeFileSync(summaryPath(file), old);
    expect(readSummary(file, version(file))).toEqual({ ok: false, miss: { kind: 'stale' } });
  });

  test('a summary that cannot be written leaves the result file written, without a summary', async () => {
    const d = dir();
    // A file where the summary folder should be: the summary fails, the result does not.
    writeFileSync(path.join(d, SUMMARY_DIR), 'in the way');
    const { file } = await writeResult(d, sampleResult());
    expect(decodeResult(readFileSync(file), file).id).toBe(sampleResult().id);
    expect(readSummary(file, version(file))).toEqual({ ok: false, miss: { kind: 'none' } });
  });

  test('a summary over MAX_SUMMARY_BYTES is not written, and an older one is removed', async () => {
    const d = dir();
    const file = path.join(d, 'big.msgpack');
    await writeResultFile(file, new Uint8Array([1]), sampleResult());
    const s = sampleResult();
    const cell = s.cells[0]!;
    const huge: ResultFile = { ...s, cells: Array.from({ length: 4000 }, () => ({ ...cell, impl: 'x'.repeat(300) })) };
    expect(summaryBytes(summarizeResult(huge), version(file))).toBeUndefined();
    await writeSummary(file, summaryBytes(summarizeResult(huge), version(file)));
    expect(readSummary(file, version(file))).toEqual({ ok: false, miss: { kind: 'none' } });
  });
});

describe('writeSummary', () => {
  test('does not make a results folder that is gone again', async () => {
    const gone = path.join(dir(), 'removed');
    await expect(writeSummary(path.join(gone, 'r.msgpack'), new Uint8Array([0x80]))).rejects.toThrow(/ENOENT/);
    expect(existsSync(gone)).toBe(false);
  });
});

describe('summaryMatches', () => {
  test('same size and the same whole millisecond (Deno gives whole ones); any other size or millisecond is stale', () => {
    const s = summaryOf(sampleResult(), { size: 10, mtimeMs: 1_796_582_740_124.366 });
    expect(summaryMatches(s, { size: 10, mtimeMs: 1_796_582_740_124 })).toBe(true);
    expect(summaryMatches(s, { size: 10, mtimeMs: 1_796_582_740_124.9 })).toBe(true);
    expect(summaryMatches(s, { size: 11, mtimeMs: 1_796_582_740_124.366 })).toBe(false);
    expect(summaryMatches(s, { size: 10, mtimeMs: 1_796_582_740_125 })).toBe(false);
  });
});

describe('decodeSummary: untrusted, refused with the field named', () => {
  test("lists warm cells too, marked pool: 'warm', so that a reader keying cells by task, mode, impl and workers can leave them out", () => {
    const r = warmResult();
    const s = summarizeResult(r);
    expect(s.cells.task).toHaveLength(r.cells.length);
    expect(s.cells.pool).toEqual(r.cells.map((c) => c.pool ?? null));
    expect(s.cells.pool).toContain('warm');
  });

  test('round-trips what summarizeResult makes', () => {
    const s = summaryOf(sampleResult());
    expect(decodeSummary(encodeSummary(s), 'f')).toEqual(s);
  });

  test('another summary version, a truncated one, a foreign one', () => {
    const bytes = encodeSummary(summaryOf(sampleResult()));
    expect(refusal(packed({ ...summaryOf(sampleResult()), summaryVersion: 2 }))).toMatch(
      /^r\/\.tvp-summaries\/x\.msgpack\.summary: summaryVersion: unsupported summary version number 2/,
    );
    expect(refusal(bytes.subarray(0, bytes.length - 7))).toMatch(/not a msgpack summary \(ends early/);
    expect(refusal(new TextEncoder().encode('{"summaryVersion":1}'))).toMatch(/not a msgpack summary|expected a map/);
    expect(refusal(referenceBomb(50))).toMatch(/not a msgpack summary \(extension type/);
  });

  test('the run inside is read by the result reader: its fields are named under run', () => {
    const s = summaryOf(sampleResult());
    expect(refusal(packed({ ...s, run: { ...s.run, env: { ...s.run.env, cores: 'two' } } }))).toMatch(
      /: run\.env\.cores: expected a finite number/,
    );
    expect(refusal(packed({ ...s, run: 'a run' }))).toMatch(/: run: expected a map/);
    expect(refusal(packed({ ...s, run: { ...s.run, cells: sampleResult().cells } }))).toMatch(
      /: run\.cells: a summary keeps/,
    );
    expect(refusal(packed({ ...s, of: { size: -1, mtimeMs: 0 } }))).toMatch(/: of\.size: expected at least 0/);
  });

  test('cells that contradict themselves: an ok cell without samples, n without a median, a median without n', () => {
    const s = summaryOf(sampleResult());
    // The first cell changed: each list keeps the others' items.
    const first = (change: Partial<Record<keyof CellColumns, unknown>>) =>
      packed({
        ...s,
        cells: Object.fromEntries(
          Object.entries(s.cells).map(([k, list]) => [
            k,
            k in change ? [change[k as keyof CellColumns], ...list.slice(1)] : list,
          ]),
        ),
      });
    expect(refusal(first({ n: 0, medianMs: null }))).toMatch(/: cells\.n\[0\]: an ok cell has at least one sample/);
    expect(refusal(first({ status: 'failed', n: 0 }))).toMatch(/: cells\.medianMs\[0\]: present with n = 0/);
    expect(refusal(first({ medianMs: null }))).toMatch(/: cells\.medianMs\[0\]: missing with n = \d/);
    expect(refusal(first({ medianMs: -1 }))).toMatch(/: cells\.medianMs\[0\]: expected at least 0/);
    expect(refusal(first({ workers: 0 }))).toMatch(/: cells\.workers\[0\]: expected at least 1/);
    expect(refusal(first({ mode: 'fibers' }))).toMatch(/: cells\.mode\[0\]: expected one of/);
  });

  test('cell lists of different lengths are refused', () => {
    const s = summaryOf(sampleResult());
    expect(refusal(packed({ ...s, cells: { ...s.cells, n: s.cells.n.slice(1) } }))).toMatch(
      /: cells\.n: \d+ items for \d+ cells/,
    );
    expect(refusal(packed({ ...s, cells: { ...s.cells, impl: [...s.cells.impl, 'extra'] } }))).toMatch(
      /: cells\.impl: \d+ items, more than the \d+ allowed/,
    );
    expect(refusal(packed({ ...s, cells: [] }))).toMatch(/: cells: expected a map/);
  });

  test('a summary over MAX_SUMMARY_BYTES is refused before it is decoded; more cells than MAX_CELLS too', () => {
    expect(refusal(new Uint8Array(MAX_SUMMARY_BYTES + 1))).toMatch(/more than the 1048576 a summary may have/);
    const s = summaryOf(sampleResult());
    const many = packed({ ...s, cells: { ...s.cells, task: Array(MAX_CELLS + 1).fill('io') } });
    expect(many.byteLength).toBeLessThan(MAX_SUMMARY_BYTES);
    expect(refusal(many)).toMatch(/cells\.task: 10001 items, more than the 10000 allowed/);
  });
});

/** A run with a payload cell (a way and a size) and a warm cell beside cold ones. */
function payloadAndWarm(): ResultFile {
  const r = warmResult();
  r.cells[0] = { ...(r.cells[0] as ResultFile['cells'][number]), task: 'payload', way: 'json', payloadBytes: 1024 };
  return r;
}

describe('the optional cell lists: way, payloadBytes, pool', () => {
  test('written where some cell has the field, nil for the others, and read back the same', () => {
    const s = summaryOf(payloadAndWarm());
    const count = s.cells.task.length;
    expect(s.cells.way).toEqual(['json', ...Array(count - 1).fill(null)]);
    expect(s.cells.payloadBytes).toEqual([1024, ...Array(count - 1).fill(null)]);
    expect(s.cells.pool).toEqual(s.cells.mode.map((_, i) => (i === 1 ? 'warm' : null)));
    expect(decodeSummary(encodeSummary(s), 'f')).toEqual(s);
  });

  test('absent where no cell has the field: a run without them keeps the summary it had, and old ones read', () => {
    const s = summaryOf(sampleResult());
    expect(Object.keys(s.cells)).toEqual(['task', 'mode', 'impl', 'workers', 'status', 'n', 'medianMs']);
    expect(decodeSummary(encodeSummary(s), 'f').cells).toEqual(s.cells);
    // Another writer's nil for a list it has not: absent.
    const nil = decodeSummary(packed({ ...s, cells: { ...s.cells, way: null, pool: null } }), 'f');
    expect(nil.cells.way).toBeUndefined();
    expect(nil.cells.pool).toBeUndefined();
  });

  test("refused as the result reader refuses the cell's field, with the list and item named", () => {
    const s = summaryOf(payloadAndWarm());
    const withList = (key: 'way' | 'payloadBytes' | 'pool', list: unknown) =>
      packed({ ...s, cells: { ...s.cells, [key]: list } });
    const rest = (s.cells.way ?? []).slice(1);
    expect(refusal(withList('way', ['carrier-pigeon', ...rest]))).toMatch(/: cells\.way\[0\]: expected one of/);
    expect(refusal(withList('payloadBytes', [0, ...rest]))).toMatch(/: cells\.payloadBytes\[0\]: expected at least 1/);
    expect(refusal(withList('payloadBytes', [2 ** 40, ...rest]))).toMatch(
      /: cells\.payloadBytes\[0\]: expected at most/,
    );
    expect(refusal(withList('way', ['json']))).toMatch(/: cells\.way: 1 items for \d+ cells/);
    expect(refusal(withList('pool', 'warm'))).toMatch(/: cells\.pool: expected a list/);
    const pools = s.cells.pool ?? [];
    expect(
      refusal(
        withList(
          'pool',
          pools.map((p) => p && 'hot'),
        ),
      ),
    ).toMatch(/: cells\.pool\[1\]: expected one of/);
    const baseline = packed({
      ...s,
      cells: { ...s.cells, mode: s.cells.mode.map((m, i) => (i === 1 ? 'sequential' : m)) },
    });
    expect(refusal(baseline)).toMatch(/: cells\.pool\[1\]: the sequential baseline has no workers to keep warm/);
    const cold = packed({ ...s, run: { ...s.run, config: { ...s.run.config, pools: ['cold'] } } });
    expect(refusal(cold)).toMatch(/: cells\.pool\[1\]: warm, but run\.config\.pools is cold/);
  });
});

describe('readSummary', () => {
  test('none, stale, unreadable (malformed or too large, refused without reading it), or the summary', async () => {
    const d = dir();
    const file = path.join(d, 'r.msgpack');
    writeFileSync(file, 'result bytes');
    const v = version(file);
    expect(readSummary(file, v)).toEqual({ ok: false, miss: { kind: 'none' } });
    await mkdir(path.join(d, SUMMARY_DIR));
    writeFileSync(summaryPath(file), encodeSummary(summaryOf(sampleResult(), v)));
    expect(readSummary(file, v)).toMatchObject({ ok: true });
    expect(readSummary(file, { ...v, size: v.size + 1 })).toEqual({ ok: false, miss: { kind: 'stale' } });
    writeFileSync(summaryPath(file), encodeSummary(summaryOf(sampleResult(), v)).subarray(0, 40));
    const cut = readSummary(file, v);
    expect(cut).toMatchObject({ ok: false, miss: { kind: 'unreadable', reason: expect.stringMatching(/ends early/) } });
    writeFileSync(summaryPath(file), Buffer.alloc(MAX_SUMMARY_BYTES + 1, 0x90));
    expect(readSummary(file, v)).toMatchObject({
      ok: false,
      miss: { kind: 'unreadable', reason: expect.stringMatching(/1048577 bytes, more than the 1048576/) },
    });
  });
});
