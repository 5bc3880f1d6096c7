import { describe, expect, test } from 'vitest';
import { packByHand, packed, refusal, sampleResult, u64, warmResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';

const read = (r: unknown) => decodeResult(packed(r), 'some/file.msgpack');
type Raw = { config: Record<string, unknown>; cells: Record<string, unknown>[] };
const broken = (edit: (r: Raw) => void): string => {
  const r = JSON.parse(JSON.stringify(warmResult())) as Raw;
  edit(r);
  return refusal(packed(r));
};
const warmSample = (r: Raw) =>
  ((r.cells[1] as Raw['cells'][0]).samples as Record<string, unknown>[])[0] as Record<string, unknown>;

describe('decodeResult: warm pools', () => {
  test('config.pools, a cell pool and its warmStart read back the same', () => {
    const r = warmResult();
    const back = decodeResult(encodeResult(r), 'x.msgpack');
    expect(back).toEqual(JSON.parse(JSON.stringify(r)));
    expect(back.config.pools).toEqual(['cold', 'warm']);
    expect(back.cells[0]?.pool).toBeUndefined();
    expect(back.cells[1]).toMatchObject({ pool: 'warm', warmStart: { spawnMs: 41.2, teardownMs: 3.5 } });
  });

  test('an old file, without any of them, reads as cold', () => {
    const back = read(sampleResult());
    expect(back.config.pools).toBeUndefined();
    expect(back.cells.every((c) => c.pool === undefined && c.warmStart === undefined)).toBe(true);
  });

  test("another writer's encoding reads the same: a uint64 spawn, nil for an absent pool", () => {
    const r = JSON.parse(JSON.stringify(warmResult())) as Raw;
    (r.cells[1] as Record<string, unknown>).warmStart = { spawnMs: u64(41), teardownMs: 3.5 };
    (r.cells[0] as Record<string, unknown>).pool = null;
    const back = decodeResult(packByHand(r), 'f');
    expect(back.cells[1]?.warmStart).toEqual({ spawnMs: 41, teardownMs: 3.5 });
    expect(back.cells[0]?.pool).toBeUndefined();
  });

  test.each<[string, (r: Raw) => void, RegExp]>([
    ['an unknown pool in the config', (r) => (r.config.pools = ['cold', 'hot']), /config\.pools\[1\]: .*'hot'/],
    ['an empty pool list', (r) => (r.config.pools = []), /config\.pools: empty/],
    ['a pool named twice', (r) => (r.config.pools = ['warm', 'warm']), /config\.pools: warm, warm names a pool twice/],
    ['more pools than there are', (r) => (r.config.pools = ['cold', 'warm', 'cold']), /config\.pools: 3 items/],
    [
      'a cell pool other than warm',
      (r) => ((r.cells[1] as Raw['cells'][0]).pool = 'cold'),
      /cells\[1\]\.pool: .*'cold'/,
    ],
    [
      'a warm baseline',
      (r) => Object.assign(r.cells[1] as object, { mode: 'async', impl: 'main' }),
      /cells\[1\]\.pool: the async baseline has no workers/,
    ],
    ['a warmStart on a cold cell', (r) => delete r.cells[1]?.pool, /cells\[1\]\.warmStart: only a warm cell/],
    [
      'a negative spawn',
      (r) => ((r.cells[1]?.warmStart as Raw['config']).spawnMs = -1),
      /warmStart\.spawnMs: expected at least 0/,
    ],
    ['a teardown as text', (r) => ((r.cells[1]?.warmStart as Raw['config']).teardownMs = '3'), /warmStart\.teardownMs/],
    [
      'a warm sample with a spawn',
      (r) => (warmSample(r).spawnMs = 40),
      /cells\[1\]\.samples\[0\]\.spawnMs: a warm cell's sample has no spawn/,
    ],
    ['a warm sample with a teardown', (r) => (warmSample(r).teardownMs = 2), /samples\[0\]\.teardownMs/],
    [
      'a warm total that is not its work',
      (r) => (warmSample(r).totalMs = 99),
      /samples\[0\]\.totalMs: a warm cell's total is its work/,
    ],
    ['a warm cell in a cold run', (r) => delete r.config.pools, /cells\[1\]\.pool: warm, but config\.pools is cold/],
  ])('%s is refused, naming the field', (_name, edit, message) => {
    expect(broken(edit)).toMatch(message);
  });
});
