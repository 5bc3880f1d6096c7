import { isDeepStrictEqual } from 'node:util';
import { Packr } from 'msgpackr';
import { afterAll, describe, expect, test } from 'vitest';
import { seeded } from '../analysis/prng.ts';
import { ResultFileError } from '../errors.ts';
import {
  bin,
  Encoded,
  f32,
  f64,
  i64,
  packByHand,
  referenceBomb,
  sampleResult,
  str8,
  str16,
  str32,
  u64,
  Wide,
} from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';
import type { Cell, ResultFile } from './types.ts';

// Every case must either be refused with a ResultFileError or read into a file that encodes and
// decodes to itself, within a time bound. A failure names the seed and the case: rerun it with
// FUZZ_SEED=<seed> pnpm exec vitest run src/codec.fuzz.test.ts
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
/** Per decode, for an input under 64 KB; larger inputs get this per 64 KB. */
const CASE_MS = 50;
/** The whole file, on this slow shared machine. */
const TOTAL_MS = 10_000;

/** A generator per group of cases, so that each group's cases do not depend on the others'. */
function groupRandom(group: string) {
  let h = SEED;
  for (const c of group) h = Math.imul(h ^ c.charCodeAt(0), 0x9e3779b1);
  const next = seeded(h);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(0, 255));
  return { next, int, pick, bytes };
}
type Random = ReturnType<typeof groupRandom>;

const hex = (b: Uint8Array) =>
  Buffer.from(b.subarray(0, 48)).toString('hex') + (b.length > 48 ? `... (${b.length} bytes)` : '');

type Outcome = 'read' | 'refused';

/** Decode one case and hold it to the rules; throws with the seed and the case when it breaks one. */
function check(label: string, bytes: Uint8Array, want?: Outcome): Outcome {
  const where = `seed ${SEED}, ${label}, input ${hex(bytes)}`;
  const bound = CASE_MS * Math.max(1, bytes.length / 65_536);
  let best = Number.POSITIVE_INFINITY;
  let outcome: Outcome = 'refused';
  let file: ResultFile | undefined;
  // A slow decode is timed again, up to twice: a garbage collection or another process can stall
  // one run, while an input that really costs more than its size stays slow every time.
  for (let attempt = 0; attempt < 3 && best >= bound; attempt++) {
    const start = performance.now();
    try {
      file = decodeResult(bytes, 'fuzz');
      outcome = 'read';
    } catch (err) {
      if (!(err instanceof ResultFileError)) {
        throw new Error(`${where}: threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
      }
      if (!/^fuzz: /.test(err.message)) throw new Error(`${where}: message does not name the file: ${err.message}`);
    }
    best = Math.min(best, performance.now() - start);
  }
  if (best >= bound) throw new Error(`${where}: took ${best.toFixed(1)} ms, bound ${bound.toFixed(0)} ms`);
  if (file !== undefined) {
    const again = decodeResult(encodeResult(file), 'again');
    if (!isDeepStrictEqual(again, file)) throw new Error(`${where}: read, but does not encode to itself`);
  }
  if (want !== undefined && outcome !== want) throw new Error(`${where}: expected ${want}, was ${outcome}`);
  return outcome;
}

/** Run `cases` cases; returns how many were read and refused. */
function run(group: string, cases: number, make: (rand: Random, i: number) => Uint8Array, want?: Outcome) {
  const rand = groupRandom(group);
  const seen = { read: 0, refused: 0 };
  for (let i = 0; i < cases; i++) seen[check(`${group} #${i}`, make(rand, i), want)]++;
  return seen;
}

/** A plausible file of random size and content, as a runner could write it. */
function randomFile(rand: Random): ResultFile {
  const s = sampleResult();
  const word = () =>
    rand.pick(['io', 'x', '', 'worker_threads', 'ünï©ødé ✓', 'a'.repeat(rand.int(30, 300)), '🙂', '\u0000\n"']);
  const ms = () => rand.pick([0, 1, rand.next() * 100, rand.int(0, 1e6), 2 ** 32 + 0.5, rand.next() * 1e-9]);
  const cells = Array.from(
    { length: rand.int(0, 20) },
    (): Cell => ({
      task: rand.pick(['io', 'cpu', 'noop'] as const),
      mode: rand.pick(['threads', 'processes', 'sequential', 'async'] as const),
      impl: word(),
      workers: rand.int(1, 256),
      status: 'ok',
      samples: Array.from({ length: rand.int(1, 8) }, () => ({
        totalMs: ms(),
        spawnMs: ms(),
        workMs: ms(),
        teardownMs: ms(),
      })),
      ...(rand.next() < 0.3 ? { rssBytesPerWorker: rand.int(0, 2 ** 40) } : {}),
    }),
  );
  const r: ResultFile = {
    ...s,
    id: rand.pick(['0f1e2d3c-0000-4000-8000-000000000001', 'bun-ci-box-3-0000-fixture', 'a', 'x.y_z']),
    env: { ...s.env, cpuModel: word(), memoryBytes: rand.int(0, 2 ** 53 - 1), vars: { A: word(), B_1: word() } },
    config: { ...s.config, workers: [1, rand.int(2, 256)], ioMs: ms() },
    cells,
    warnings: Array.from({ length: rand.int(0, 3) }, word),
  };
  if (rand.next() < 0.5) delete r.roundTrips;
  if (rand.next() < 0.5) r.interrupted = rand.next() < 0.5;
  if (rand.next() < 0.3) r.config.fault = 'hang';
  return r;
}

/** The same value with every leaf and some headers written as another msgpack writer might. */
function foreign(rand: Random, v: unknown): unknown {
  if (v instanceof Encoded) return v;
  if (typeof v === 'number') {
    const ways: Array<() => unknown> = [() => v, () => f64(v)];
    if (Math.fround(v) === v) ways.push(() => f32(v));
    if (Number.isSafeInteger(v)) ways.push(() => i64(v));
    if (Number.isSafeInteger(v) && v >= 0) ways.push(() => u64(v));
    return rand.pick(ways)();
  }
  if (typeof v === 'string') {
    const ways: Array<() => unknown> = [() => v, () => str16(v), () => str32(v)];
    if (Buffer.byteLength(v) < 0x100) ways.push(() => str8(v));
    return rand.pick(ways)();
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => foreign(rand, x));
    return rand.next() < 0.3 ? new Wide(items, rand.pick([16, 32] as const)) : items;
  }
  if (v !== null && typeof v === 'object') {
    const map = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, foreign(rand, x)]));
    return rand.next() < 0.3 ? new Wide(map, rand.pick([16, 32] as const)) : map;
  }
  return v;
}

/** A random msgpack value: mostly plain, sometimes an extension or a reserved byte. */
function randomValue(rand: Random, depth: number): unknown {
  const roll = rand.int(0, depth > 4 ? 6 : 9);
  if (roll === 0) return null;
  if (roll === 1) return rand.next() < 0.5;
  if (roll === 2)
    return rand.pick([rand.int(-1e6, 1e6), rand.next(), -0, 2 ** 60, u64(BigInt(rand.int(0, 2 ** 31)) ** 2n)]);
  if (roll === 3)
    return rand.pick(['', 'io', 'ok', 'threads', '2026-11-25T20:00:00.000Z', 'x'.repeat(rand.int(0, 70))]);
  if (roll === 4) return bin('b');
  if (roll === 5) return new Encoded(rand.pick([Uint8Array.of(0xc1), Uint8Array.of(0xd4, rand.int(0, 255), 0)]));
  if (roll === 6) return f32(rand.next());
  if (roll === 7) return Array.from({ length: rand.int(0, 4) }, () => randomValue(rand, depth + 1));
  return Object.fromEntries(
    Array.from({ length: rand.int(0, 4) }, () => [
      rand.pick(['task', 'mode', 'samples', 'id', 'x', '__proto__']),
      randomValue(rand, depth + 1),
    ]),
  );
}

/** Replace one value somewhere in `v`, chosen at random, by `make()`. */
function replaceOne(rand: Random, v: unknown, make: () => unknown): unknown {
  if (v === null || typeof v !== 'object' || rand.next() < 0.15) return make();
  const keys = Object.keys(v);
  if (keys.length === 0) return make();
  const key = rand.pick(keys);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(v) ? [...v] : { ...v };
  (copy as Record<string, unknown>)[key] = replaceOne(rand, (v as Record<string, unknown>)[key], make);
  return copy;
}

const join = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

const nested = (levels: number, open: number[], close: number[]) =>
  Uint8Array.from([...Array(levels).fill(open).flat(), ...close]);

describe(`decodeResult under fuzzing (seed ${SEED})`, () => {
  const started = performance.now();
  afterAll(() => {
    expect(performance.now() - started, `seed ${SEED}: the whole fuzz run`).toBeLessThan(TOTAL_MS);
  });

  test('mutations of real files: bytes flipped, inserted and deleted', () => {
    const bases = [
      encodeResult(sampleResult()),
      ...[1, 2, 3].map((n) => encodeResult(randomFile(groupRandom(`base${n}`)))),
    ];
    const seen = run('mutation', 2000, (rand) => {
      // A copy: Buffer#slice would share the base's memory.
      let bytes: Uint8Array = new Uint8Array(rand.pick(bases));
      for (let edits = rand.int(1, 4); edits > 0; edits--) {
        const at = rand.int(0, bytes.length - 1);
        const how = rand.int(0, 3);
        if (how === 0) bytes[at] = rand.int(0, 255);
        else if (how === 1) bytes[at] = (bytes[at] as number) ^ (1 << rand.int(0, 7));
        else if (how === 2) bytes = join(bytes.subarray(0, at), rand.bytes(rand.int(1, 8)), bytes.subarray(at));
        else bytes = join(bytes.subarray(0, at), bytes.subarray(at + rand.int(1, 16)));
      }
      return bytes;
    });
    // Both outcomes occur: the mutations reach the field checks, not only the msgpack layer.
    expect(seen.read).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(20);
  });

  test('a small file truncated at every length is refused', () => {
    const bytes = encodeResult(sampleResult());
    run('truncation', bytes.length, (_, i) => bytes.subarray(0, i), 'refused');
  });

  test('random bytes, bare and behind a map header', () => {
    run('random', 1000, (rand) => {
      const body = rand.bytes(Math.floor(2 ** (rand.next() * 12)));
      return rand.next() < 0.5 ? body : Uint8Array.from([rand.pick([0x87, 0x8f, 0xde]), ...body]);
    });
  });

  test('random values put into a real file, where the field checks must catch them', () => {
    const seen = run('structure', 1000, (rand) =>
      packByHand(replaceOne(rand, randomFile(rand), () => randomValue(rand, 0))),
    );
    expect(seen.refused).toBeGreaterThan(20);
  });

  test('reference bombs and other extensions are refused', () => {
    run(
      'bomb',
      12,
      (rand, i) => referenceBomb(rand.int(10, 3000), new Packr({ structuredClone: true, useRecords: i % 2 === 0 })),
      'refused',
    );
    const packrs = [
      new Packr({ useRecords: false, bundleStrings: true }),
      new Packr(),
      new Packr({ structuredClone: true }),
    ];
    run('extensions', 30, (rand) => rand.pick(packrs).pack(randomFile(rand)), 'refused');
  });

  test('100,000 levels of nesting are refused', () => {
    const shapes = [
      nested(100_000, [0x91], [0xc0]),
      nested(100_000, [0xdc, 0, 1], [0xc0]),
      nested(100_000, [0xdd, 0, 0, 0, 1], [0xc0]),
      nested(100_000, [0x81, 0xa1, 0x61], [0xc0]),
      nested(100_000, [0xde, 0, 1, 0xa1, 0x61], [0xc0]),
      nested(100_000, [0x92, 0x01], [0xc0]),
      nested(100_000, [0x91], []),
    ];
    const s = sampleResult();
    const inFile = (deep: Uint8Array) => {
      const marker = packByHand({ ...s, durationMs: 0x7e_7e_7e_7e });
      const at = marker.findIndex((b, k) => b === 0xce && marker[k + 1] === 0x7e && marker[k + 4] === 0x7e);
      return Uint8Array.from([...marker.subarray(0, at), ...deep, ...marker.subarray(at + 5)]);
    };
    run(
      'nesting',
      shapes.length * 2,
      (_, i) => (i < shapes.length ? shapes[i]! : inFile(shapes[i - shapes.length]!)),
      'refused',
    );
  });

  test('other writers’ encodings (uint64, int64, float32, str8/16/32, wide headers) read the same file', () => {
    const rand = groupRandom('foreign-files');
    const files = Array.from({ length: 50 }, () => randomFile(rand));
    run(
      'foreign',
      200,
      (r, i) => {
        const file = files[i % files.length]!;
        const bytes = packByHand(foreign(r, JSON.parse(JSON.stringify(file))));
        const read = decodeResult(bytes, 'foreign');
        if (!isDeepStrictEqual(read, decodeResult(encodeResult(file), 'f'))) {
          throw new Error(`seed ${SEED}, foreign #${i}: read a different file from ${hex(bytes)}`);
        }
        return bytes;
      },
      'read',
    );
    // The same with one string written as binary (bin 8): refused.
    run(
      'foreign-bin',
      100,
      (r, i) => {
        const file = JSON.parse(JSON.stringify(files[i % files.length]!));
        const strings: Array<[Record<string, unknown>, string]> = [];
        const find = (v: unknown) => {
          if (v === null || typeof v !== 'object') return;
          for (const [k, x] of Object.entries(v)) {
            if (typeof x === 'string' && x.length < 200) strings.push([v as Record<string, unknown>, k]);
            else find(x);
          }
        };
        find(file);
        const [holder, key] = r.pick(strings);
        holder[key] = bin(holder[key] as string);
        return packByHand(foreign(r, file));
      },
      'refused',
    );
  });
});
