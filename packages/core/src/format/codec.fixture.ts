import { Packr } from 'msgpackr';
import { expect } from 'vitest';
import { ResultFileError } from '../errors.ts';
import { decodeResult } from './codec.ts';
import type { Cell, ResultFile } from './types.ts';

/** The message with which the reader refuses `bytes` as `some/file.msgpack`; fails if it reads them. */
export function refusal(bytes: Uint8Array): string {
  try {
    decodeResult(bytes, 'some/file.msgpack');
  } catch (err) {
    expect(err).toBeInstanceOf(ResultFileError);
    return (err as Error).message;
  }
  throw new Error('expected the reader to refuse');
}

/** Any value as msgpackr writes it in the portable form, without the writer's own checks. */
export const packed = (value: unknown): Uint8Array => new Packr({ useRecords: false }).pack(value);

/**
 * A file of `n` cells of `n` samples in which every cell is one object and every sample another:
 * msgpackr's structured clone writes each once and then references, so the file grows with n and
 * the tree it stands for with n squared.
 */
export function referenceBomb(n: number, packr = new Packr({ structuredClone: true, useRecords: false })): Uint8Array {
  const s = sampleResult();
  const cell = { ...s.cells[0]!, samples: Array(n).fill(s.cells[0]!.samples[0]) };
  return packr.pack({ ...s, cells: Array(n).fill(cell) } satisfies ResultFile);
}

/** A small result file with every field, as today's writer fills it. */
export function sampleResult(): ResultFile {
  return {
    schemaVersion: 1,
    id: '0f1e2d3c-0000-4000-8000-000000000001',
    createdAt: '2026-11-25T20:00:00.000Z',
    tool: { name: 'threads-vs-processes', version: '0.1.0', gitSha: 'abc' },
    env: {
      runtime: 'node',
      runtimeVersion: '20.20.2',
      os: 'linux',
      arch: 'x64',
      kernel: '6.1',
      cpuModel: 'Test CPU',
      cores: 2,
      availableParallelism: 2,
      memoryBytes: 24e9,
      hostname: 'h',
      label: 'h',
      loadavgStart: [0.5, 0.4, 0.3],
      loadavgEnd: [0.6, 0.4, 0.3],
      vars: { NODE_EXTRA_CA_CERTS: '/x.pem' },
    },
    config: {
      tasks: ['io'],
      modes: ['threads'],
      impls: ['worker_threads'],
      workers: [1, 2],
      workerSet: 'custom',
      count: 10,
      repeat: 2,
      warmup: 0,
      ioMs: 5,
      cpuIters: 1000,
      timeoutMs: 1000,
      workerEnv: 'inherit',
      preset: 'default',
      clock: 'phases',
    },
    cells: [
      {
        task: 'io',
        mode: 'threads',
        impl: 'worker_threads',
        workers: 1,
        status: 'ok',
        samples: [{ totalMs: 60, spawnMs: 5, workMs: 52, teardownMs: 3, readyAtMs: 5 }],
        rssBytesPerWorker: 1_000_000,
        taskTimes: {
          method: 'time-origin',
          tasks: 10,
          responseMs: { min: 5.5, p50: 30, p90: 50, p99: 56, max: 56 },
          queueMs: { min: 0.1, p50: 24.5, p90: 44.5, p99: 50, max: 50 },
          runMs: { min: 5, p50: 5.1, p90: 5.3, p99: 5.9, max: 5.9 },
          returnMs: { min: -0.01, p50: 0.05, p90: 0.1, p99: 0.2, max: 0.2 },
        },
      },
      { task: 'io', mode: 'threads', impl: 'worker_threads', workers: 2, status: 'failed', error: 'boom', samples: [] },
    ],
    roundTrips: [{ mode: 'threads', impl: 'worker_threads', samplesUs: [40, 41.5] }],
    durationMs: 1234,
    warnings: ['w'],
  };
}

/** A run with a cold and a warm cell of the same mode, impl and workers, as `--pool cold,warm` writes it. */
export function warmResult(): ResultFile {
  const r = sampleResult();
  r.config.pools = ['cold', 'warm'];
  const warm: Cell = {
    task: 'io',
    mode: 'threads',
    impl: 'worker_threads',
    workers: 1,
    status: 'ok',
    pool: 'warm',
    samples: [
      { totalMs: 51, spawnMs: 0, workMs: 51, teardownMs: 0 },
      { totalMs: 50.5, spawnMs: 0, workMs: 50.5, teardownMs: 0 },
    ],
    warmStart: { spawnMs: 41.2, teardownMs: 3.5 },
  };
  r.cells.splice(1, 0, warm);
  return r;
}

/** Bytes of one value as a writer chose to encode it, put into a file as they are. */
export class Encoded {
  constructor(readonly bytes: Uint8Array) {}
}

const withHead = (head: number, size: number, fill: (v: DataView) => void): Encoded => {
  const bytes = new Uint8Array(1 + size);
  bytes[0] = head;
  fill(new DataView(bytes.buffer, 1));
  return new Encoded(bytes);
};

/** A map or list written with a 16- or 32-bit length even when a smaller header would do. */
export class Wide {
  constructor(
    readonly value: object,
    readonly width: 16 | 32,
  ) {}
}

/** uint 64 (0xcf): what Python, Go and Rust msgpack libraries write for large integers. */
export const u64 = (n: number | bigint): Encoded => withHead(0xcf, 8, (v) => v.setBigUint64(0, BigInt(n)));
/** int 64 (0xd3). */
export const i64 = (n: number | bigint): Encoded => withHead(0xd3, 8, (v) => v.setBigInt64(0, BigInt(n)));
/** float 32 (0xca): exact only for numbers a float32 holds. */
export const f32 = (x: number): Encoded => withHead(0xca, 4, (v) => v.setFloat32(0, x));
/** float 64 (0xcb), also for a whole number. */
export const f64 = (x: number): Encoded => withHead(0xcb, 8, (v) => v.setFloat64(0, x));
const utf8 = new TextEncoder();

/** str 8 (0xd9), even for a string that a fixstr would hold. */
export const str8 = (s: string): Encoded => sized(0xd9, 1, utf8.encode(s));
/** str 16 (0xda). */
export const str16 = (s: string): Encoded => sized(0xda, 2, utf8.encode(s));
/** str 32 (0xdb). */
export const str32 = (s: string): Encoded => sized(0xdb, 4, utf8.encode(s));
/** bin 8 (0xc4): what some writers emit for a byte string. */
export const bin = (s: string): Encoded => sized(0xc4, 1, utf8.encode(s));

function sized(head: number, lengthBytes: 1 | 2 | 4, data: Uint8Array): Encoded {
  if (data.length >= 2 ** (8 * lengthBytes))
    throw new Error(`${data.length} bytes need a longer header than 0x${head.toString(16)}`);
  const out = new Uint8Array(1 + lengthBytes + data.length);
  const view = new DataView(out.buffer);
  out[0] = head;
  if (lengthBytes === 1) view.setUint8(1, data.length);
  else if (lengthBytes === 2) view.setUint16(1, data.length);
  else view.setUint32(1, data.length);
  out.set(data, 1 + lengthBytes);
  return new Encoded(out);
}

/**
 * msgpack written by hand, independently of msgpackr: the smallest form for each value (as the
 * spec's reference writers do) except where an `Encoded` or `Wide` part says otherwise.
 */
export function packByHand(value: unknown): Uint8Array {
  const out = new ByteWriter();
  let width: 16 | 32 | undefined;
  const header = (fix: number, fixMax: number, h16: number, h32: number, n: number) => {
    if (n <= fixMax && width === undefined) out.byte(fix | n);
    else if (n < 0x10000 && width !== 32) out.byte(h16, n >> 8, n & 0xff);
    else out.byte(h32, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
    width = undefined;
  };
  const walk = (v: unknown): void => {
    if (v instanceof Encoded) out.bytes(v.bytes);
    else if (v instanceof Wide) {
      width = v.width;
      walk(v.value);
    } else if (v === null || v === undefined) out.byte(0xc0);
    else if (typeof v === 'boolean') out.byte(v ? 0xc3 : 0xc2);
    else if (typeof v === 'number') out.bytes(number(v));
    else if (typeof v === 'string') {
      const data = utf8.encode(v);
      if (data.length < 32) {
        out.byte(0xa0 | data.length);
        out.bytes(data);
      } else if (data.length < 0x100) out.bytes(sized(0xd9, 1, data).bytes);
      else out.bytes(sized(data.length < 0x10000 ? 0xda : 0xdb, data.length < 0x10000 ? 2 : 4, data).bytes);
    } else if (Array.isArray(v)) {
      header(0x90, 15, 0xdc, 0xdd, v.length);
      for (const x of v) walk(x);
    } else if (typeof v === 'object') {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      header(0x80, 15, 0xde, 0xdf, entries.length);
      for (const [k, x] of entries) {
        walk(k);
        walk(x);
      }
    } else throw new Error(`packByHand: cannot write a ${typeof v}`);
  };
  walk(value);
  return out.written();
}

/** A byte buffer that doubles as it fills. */
class ByteWriter {
  #buf = new Uint8Array(4096);
  #length = 0;
  #room(n: number): void {
    if (this.#length + n <= this.#buf.length) return;
    const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#length + n));
    grown.set(this.#buf.subarray(0, this.#length));
    this.#buf = grown;
  }
  byte(...bytes: number[]): void {
    this.#room(bytes.length);
    for (const b of bytes) this.#buf[this.#length++] = b;
  }
  bytes(data: Uint8Array): void {
    this.#room(data.length);
    this.#buf.set(data, this.#length);
    this.#length += data.length;
  }
  written(): Uint8Array {
    return this.#buf.slice(0, this.#length);
  }
}

function number(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return f64(n).bytes;
  if (n >= 0 && n < 0x80) return Uint8Array.of(n);
  if (n < 0 && n >= -32) return Uint8Array.of(n & 0xff);
  if (n >= 0 && n < 0x100) return Uint8Array.of(0xcc, n);
  if (n >= 0 && n < 0x10000) return Uint8Array.of(0xcd, n >> 8, n & 0xff);
  if (n >= 0 && n < 2 ** 32) return withHead(0xce, 4, (v) => v.setUint32(0, n)).bytes;
  if (n >= -(2 ** 31) && n < 0) return withHead(0xd2, 4, (v) => v.setInt32(0, n)).bytes;
  return (n > 0 ? u64(n) : i64(n)).bytes;
}
