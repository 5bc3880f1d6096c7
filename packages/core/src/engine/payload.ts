import type { PayloadWay } from '../format/types.ts';

/**
 * The payload task's data and its work, the same on the hub and in every worker. A payload is
 * `bytes` bytes of printable ASCII, as a buffer or as a document of records (`Row`s whose texts,
 * joined, are those bytes). The work is a checksum over every 32-bit word of the bytes (each byte
 * enters it, so no byte can be skipped), mixed with the task's id so that each answer differs.
 */

/** Characters per record of the object form: a short text field, as in a JSON document of rows. */
export const ROW_CHARS = 64;

/** One record of the object form. */
export interface Row {
  i: number;
  text: string;
}

/** The object form of a payload: what `clone-object`, `json` and `advanced` carry. */
export interface PayloadDoc {
  rows: Row[];
}

/** Bytes at the start of a shared payload's buffer: [0] the hand-off sequence, [1] the worker's answer. */
export const SHARED_HEADER_BYTES = 8;

/** The byte at offset `k`: printable ASCII, in a pattern no shorter period repeats. */
const byteAt = (k: number) => 33 + (((k * 2654435761) >>> 7) % 90);

/** `n` payload bytes, the same on every runtime. */
export function payloadBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k++) b[k] = byteAt(k);
  return b;
}

/** The object form of `n` payload bytes: records of ROW_CHARS characters (the last may be shorter). */
export function payloadDoc(n: number): PayloadDoc {
  const bytes = payloadBytes(n);
  const rows: Row[] = [];
  const text = new TextDecoder('latin1');
  for (let at = 0, i = 0; at < n; at += ROW_CHARS, i++) {
    rows.push({ i, text: text.decode(bytes.subarray(at, Math.min(n, at + ROW_CHARS))) });
  }
  return { rows };
}

const mix = (h: number, w: number) => {
  const x = Math.imul(h ^ w, 0x01000193);
  return x ^ (x >>> 13);
};

/**
 * The checksum of bytes: every little-endian 32-bit word (the tail padded with zeros) mixed in
 * turn. Words, not bytes, so that the work is about one pass over memory, small beside moving it.
 */
export function checksumBytes(b: Uint8Array): number {
  // The unaligned case in a function of its own keeps this loop as small as it was: a fresh worker
  // runs it once over 16 MiB, and how soon the engine optimizes it depends on the function's size.
  if ((b.byteOffset & 3) !== 0) return checksumSkewed(b);
  let h = 0x811c9dc5 | 0;
  const words = b.length >>> 2;
  const w32 = new Uint32Array(b.buffer, b.byteOffset, words);
  for (let k = 0; k < words; k++) h = mix(h, w32[k] as number);
  return withTail(h, b, words);
}

/**
 * `checksumBytes` of an unaligned view: where a transport puts the bytes after its own header
 * (Node's 'advanced' IPC hands out a view into the message at whatever offset its other fields
 * left). It reads aligned words and joins neighbours with shifts: the same words in the same order
 * at the aligned loop's speed, where going by bytes made the checksum 2-3x slower and so the work's
 * cost depended on the length of the message's other fields. The aligned words end before the view.
 */
function checksumSkewed(b: Uint8Array): number {
  let h = 0x811c9dc5 | 0;
  const words = b.length >>> 2;
  if (words > 1) {
    const skew = b.byteOffset & 3;
    const w32 = new Uint32Array(b.buffer, b.byteOffset - skew, words);
    const lo = skew << 3;
    const hi = 32 - lo;
    let cur = w32[0] as number;
    for (let k = 1; k < words; k++) {
      const next = w32[k] as number;
      h = mix(h, (cur >>> lo) | (next << hi));
      cur = next;
    }
  }
  if (words > 0) h = mix(h, wordAt(b, (words - 1) << 2));
  return withTail(h, b, words);
}

/** The little-endian word of `b` at byte `a`, read by bytes. */
const wordAt = (b: Uint8Array, a: number): number =>
  (b[a] as number) | ((b[a + 1] as number) << 8) | ((b[a + 2] as number) << 16) | ((b[a + 3] as number) << 24);

/** The checksum `h` of `words` whole words, finished with the bytes after them (zero-padded). */
function withTail(h: number, b: Uint8Array, words: number): number {
  let tail = 0;
  for (let k = words << 2, s = 0; k < b.length; k++, s += 8) tail |= (b[k] as number) << s;
  if ((b.length & 3) !== 0) h = mix(h, tail);
  return h >>> 0;
}

/** The same checksum over the object form: its texts' character codes, four to a word. */
export function checksumDoc(doc: PayloadDoc): number {
  let h = 0x811c9dc5 | 0;
  let word = 0;
  let filled = 0;
  for (const row of doc.rows) {
    const t = row.text;
    for (let k = 0; k < t.length; k++) {
      word |= (t.charCodeAt(k) & 0xff) << (filled << 3);
      if (++filled === 4) {
        h = mix(h, word);
        word = 0;
        filled = 0;
      }
    }
  }
  if (filled !== 0) h = mix(h, word);
  return h >>> 0;
}

/** Bytes in the object form (ASCII: one per character). */
export const docBytes = (doc: PayloadDoc): number => doc.rows.reduce((n, r) => n + r.text.length, 0);

/** Task `id`'s answer for a payload whose checksum is `sum`. */
export const payloadAnswer = (sum: number, id: number): number => (sum ^ Math.imul(id + 1, 0x9e3779b1)) >>> 0;

/** The form of a way's payload: a document, bytes, or a shared buffer. */
export type PayloadForm = 'doc' | 'bytes' | 'shared';

/** The form each way carries. */
export const formOf = (way: PayloadWay): PayloadForm =>
  way === 'clone-object' || way === 'json' || way === 'advanced' ? 'doc' : way === 'shared' ? 'shared' : 'bytes';

/** `x` as bytes, whether an ArrayBuffer or any view (a Buffer, a Uint8Array from a frame). */
function asBytes(x: unknown): Uint8Array {
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  throw new TypeError(`expected bytes, got ${x === null ? 'null' : typeof x}`);
}

const isDoc = (x: unknown): x is PayloadDoc =>
  typeof x === 'object' && x !== null && Array.isArray((x as PayloadDoc).rows);

/**
 * The worker's side of a payload task: checksum every byte and return the task's answer. A shared
 * payload stays where it is, and the worker also writes its answer into it, where the hub reads it;
 * every other payload goes back the way it came (worker-loop.ts sends it).
 */
export function payloadValue(way: PayloadWay, payload: unknown, id: number): number {
  // By way, not by formOf(way): one call fewer on the path every payload task takes (a fresh worker
  // runs its first tasks in the engine's lower tiers, where each call is paid for; worker-loop.ts).
  switch (way) {
    case 'shared':
      return sharedValue(payload, id);
    case 'clone-object':
    case 'json':
    case 'advanced':
      if (!isDoc(payload)) throw new TypeError(`a ${way} payload must be a document of rows`);
      return payloadAnswer(checksumDoc(payload), id);
    default:
      return payloadAnswer(checksumBytes(asBytes(payload)), id);
  }
}

/** A shared payload's answer, written into its header ([1]) once the hand-off ([0]) is seen. */
function sharedValue(payload: unknown, id: number): number {
  if (!(payload instanceof SharedArrayBuffer)) throw new TypeError('a shared payload must be a SharedArrayBuffer');
  const header = new Int32Array(payload, 0, 2);
  // The hub stored id + 1 before it posted the task: a worker that does not see it reads stale bytes.
  const seen = Atomics.load(header, 0);
  if (seen !== id + 1) throw new Error(`shared payload: hand-off of task ${id} not seen (sequence ${seen})`);
  const value = payloadAnswer(checksumBytes(new Uint8Array(payload, SHARED_HEADER_BYTES)), id);
  Atomics.store(header, 1, value | 0);
  return value;
}
