import { describe, expect, test } from 'vitest';
import { clockOf } from '../analysis/clock.ts';
import { packed, refusal, sampleResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';
import type { ResultFile } from './types.ts';

const read = (r: unknown) => decodeResult(packed(r), 'some/file.msgpack');

describe('the clock and per-task times', () => {
  test("round-trip: config.clock, a sample's readyAtMs, a cell's taskTimes", () => {
    const r = sampleResult();
    r.config.clock = 'article';
    const back = decodeResult(encodeResult(r), 'x.msgpack');
    expect(back.config.clock).toBe('article');
    expect(back.cells[0]?.samples[0]?.readyAtMs).toBe(5);
    expect(back.cells[0]?.taskTimes).toEqual(r.cells[0]?.taskTimes);
  });

  test('an old file, without any of them, reads as the phases clock', () => {
    const r = sampleResult();
    const { clock: _clock, ...config } = r.config;
    const cells = r.cells.map(({ taskTimes: _t, ...c }) => ({
      ...c,
      samples: c.samples.map(({ readyAtMs: _r, ...s }) => s),
    }));
    const old = read({ ...r, config, cells });
    expect(old.config.clock).toBeUndefined();
    expect(clockOf(old)).toBe('phases');
    expect(old.cells[0]?.taskTimes).toBeUndefined();
    expect(old.cells[0]?.samples[0]).toEqual({ totalMs: 60, spawnMs: 5, workMs: 52, teardownMs: 3 });
  });

  test("a library pool's times: the response only", () => {
    const r = sampleResult();
    const cell = r.cells[0] as ResultFile['cells'][number];
    cell.taskTimes = { method: 'hub', tasks: 10, responseMs: { min: 1, p50: 2, p90: 3, p99: 4, max: 4 } };
    expect(read(r).cells[0]?.taskTimes).toEqual(cell.taskTimes);
  });

  type Times = Record<string, unknown> & { runMs: Record<string, unknown>; queueMs: Record<string, unknown> };
  /** The file as plain JSON, for edits that break it. */
  interface Raw {
    config: Record<string, unknown>;
    cells: [{ samples: [Record<string, unknown>]; taskTimes: Times }];
  }
  const broken = (edit: (r: Raw) => void) => {
    const r = JSON.parse(JSON.stringify(sampleResult()));
    edit(r);
    return refusal(packed(r));
  };

  test.each([
    ['an unknown clock', (r: Raw) => (r.config.clock = 'wall'), /config\.clock: .*'wall'/],
    ['an unknown method', (r: Raw) => (r.cells[0].taskTimes.method = 'guess'), /cells\[0\]\.taskTimes\.method/],
    [
      'percentiles out of order',
      (r: Raw) => (r.cells[0].taskTimes.runMs.p90 = 1),
      /taskTimes\.runMs\.p90: .* is below p50/,
    ],
    ['no response times', (r: Raw) => delete r.cells[0].taskTimes.responseMs, /taskTimes\.responseMs/],
    ['a count of no tasks', (r: Raw) => (r.cells[0].taskTimes.tasks = 0), /taskTimes\.tasks/],
    ['a negative ready point', (r: Raw) => (r.cells[0].samples[0].readyAtMs = -1), /samples\[0\]\.readyAtMs/],
    ['a percentile that is text', (r: Raw) => (r.cells[0].taskTimes.queueMs.max = '9'), /taskTimes\.queueMs\.max/],
  ])('%s is refused, naming the field', (_name, edit, message) => {
    expect(broken(edit)).toMatch(message);
  });
});
