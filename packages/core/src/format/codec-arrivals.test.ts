import { describe, expect, test } from 'vitest';
import { packed, refusal, sampleResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';
import type { ArrivalPoint, ResultFile } from './types.ts';

const pct = { min: 1, p50: 2, p90: 3, p99: 4, max: 5 };
const point: ArrivalPoint = {
  rate: 50,
  runs: 2,
  tasks: 200,
  offered: 49.5,
  throughput: 49.1,
  sustained: true,
  responseMs: pct,
  queueMs: { min: 0, p50: 0, p90: 1, p99: 2, max: 3 },
  maxQueued: 2,
};
const withArrivals = (): ResultFile => {
  const r = sampleResult();
  r.config.arrival = { rates: [50], kind: 'poisson', seed: 1, warmupMin: 10, warmupPerWorker: 2, sustainShare: 0.9 };
  (r.cells[0] as ResultFile['cells'][number]).arrivals = [structuredClone(point)];
  return r;
};

describe('arrival fields', () => {
  test('round-trip: config.arrival and a cell arrivals', () => {
    const r = withArrivals();
    const back = decodeResult(encodeResult(r), 'x.msgpack');
    expect(back.config.arrival).toEqual(r.config.arrival);
    expect(back.cells[0]?.arrivals).toEqual([point]);
  });

  test('an old file, without them, still reads', () => {
    const back = decodeResult(packed(sampleResult()), 'old.msgpack');
    expect(back.config.arrival).toBeUndefined();
    expect(back.cells.every((c) => c.arrivals === undefined)).toBe(true);
  });

  test.each([
    ['config.arrival.rates[0]', (r: ResultFile) => ((r.config.arrival as { rates: number[] }).rates = [0])],
    ['config.arrival.kind', (r: ResultFile) => ((r.config.arrival as { kind: string }).kind = 'bursty')],
    [
      'cells[0].arrivals[0].sustained',
      (r: ResultFile) => ((r.cells[0]?.arrivals?.[0] as { sustained: unknown }).sustained = 'yes'),
    ],
    [
      'cells[0].arrivals[0].responseMs.p99',
      (r: ResultFile) => ((r.cells[0]?.arrivals?.[0] as ArrivalPoint).responseMs = { ...pct, p99: 0.5 }),
    ],
    [
      'cells[0].arrivals',
      (r: ResultFile) => ((r.cells[0] as { arrivals: unknown }).arrivals = Array.from({ length: 65 }, () => point)),
    ],
  ])('refused, naming %s', (field, spoil) => {
    const r = withArrivals();
    spoil(r);
    expect(refusal(packed(r))).toContain(field);
  });
});
