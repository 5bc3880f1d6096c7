import { describe, expect, test } from 'vitest';
import { packed, refusal, sampleResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';

const withPayload = () => {
  const r = sampleResult();
  r.config.tasks = ['payload'];
  r.config.payloadBytes = [1024, 16 * 1024 * 1024];
  r.config.ways = ['transfer', 'json'];
  for (const c of r.cells) {
    c.task = 'payload';
    c.way = 'transfer';
    c.payloadBytes = 1024;
  }
  r.skippedWays = [{ mode: 'processes', impl: 'child_process', way: 'frames', reason: 'an IPC channel' }];
  return r;
};

describe('payload fields', () => {
  test('round-trip: config sizes and ways, each cell its way and size, the skipped ways', () => {
    const r = withPayload();
    const back = decodeResult(encodeResult(r), 'x.msgpack');
    expect(back.config.payloadBytes).toEqual(r.config.payloadBytes);
    expect(back.config.ways).toEqual(r.config.ways);
    expect(back.cells[0]?.way).toBe('transfer');
    expect(back.cells[0]?.payloadBytes).toBe(1024);
    expect(back.skippedWays).toEqual(r.skippedWays);
  });

  test('an old file, without them, still reads', () => {
    const back = decodeResult(packed(sampleResult()), 'old.msgpack');
    expect(back.cells[0]?.way).toBeUndefined();
    expect(back.skippedWays).toBeUndefined();
  });

  test('refused, naming the field: an unknown way, a size out of range, a payload run without sizes', () => {
    const a = withPayload() as unknown as { cells: { way: string }[] };
    (a.cells[0] as { way: string }).way = 'telepathy';
    expect(refusal(packed(a))).toMatch(/cells\[0\]\.way.*expected one of clone-object/);
    const b = withPayload();
    (b.cells[0] as { payloadBytes: number }).payloadBytes = 2 ** 40;
    expect(refusal(packed(b))).toMatch(/cells\[0\]\.payloadBytes/);
    const { payloadBytes: _, ...config } = withPayload().config;
    expect(refusal(packed({ ...withPayload(), config }))).toMatch(
      /config\.payloadBytes.*missing, and the run has the payload task/,
    );
  });
});
