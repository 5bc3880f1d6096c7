/**
 * Length-prefixed frames, the wire of the stdio transports (Deno.Command with piped stdin and
 * stdout). A JSON frame: a 4-byte big-endian byte length, then that many bytes of UTF-8 JSON. A
 * binary frame (a message whose `payload` is bytes: the payload task's `frames` way): the length
 * with its top bit set, then a 4-byte JSON length, the JSON of the rest of the message, and the
 * payload's raw bytes, which arrive as a Uint8Array. Both ends use this file, so the hub and the
 * worker cannot disagree on the format.
 */
import { MAX_PAYLOAD_BYTES } from './payload-ways.ts';

/** Bytes of the length prefix. */
const HEADER_BYTES = 4;
/** The top bit of the length prefix marks a binary frame. */
const BINARY = 0x8000_0000;
/**
 * The largest JSON frame either end accepts. Protocol messages are under 1 KiB; a length past this
 * means the stream is not ours (something printed to stdout), and it must not make the reader wait
 * for or allocate gigabytes.
 */
export const MAX_FRAME_BYTES = 1 << 20;
/**
 * The JSON cap of the stdio transports, which carry the payload task's `json` way too: a 256 MiB
 * document is about 330 MiB of JSON. Text printed to stdout by mistake is still refused: a length
 * read from printable ASCII is at least 0x20000000 (512 MiB).
 */
export const MAX_PAYLOAD_FRAME_BYTES = 500 * 1024 * 1024;
/** The largest binary frame: the largest payload and its message. */
const MAX_BINARY_FRAME_BYTES = MAX_PAYLOAD_BYTES + MAX_FRAME_BYTES;

const encoder = new TextEncoder();

const bytesOf = (x: unknown): Uint8Array | undefined =>
  x instanceof ArrayBuffer
    ? new Uint8Array(x)
    : x instanceof Uint8Array
      ? x
      : ArrayBuffer.isView(x)
        ? new Uint8Array(x.buffer, x.byteOffset, x.byteLength)
        : undefined;

/** One message as a frame: binary when its `payload` is bytes, else its JSON (at most MAX_FRAME_BYTES). */
export const encodeFrame = (msg: unknown): Uint8Array => encodeWithin(msg, MAX_FRAME_BYTES);

/** The same, for the stdio transports, whose JSON frames may carry a payload document (MAX_PAYLOAD_FRAME_BYTES). */
export const encodePayloadFrame = (msg: unknown): Uint8Array => encodeWithin(msg, MAX_PAYLOAD_FRAME_BYTES);

function encodeWithin(msg: unknown, maxJsonBytes: number): Uint8Array {
  const payload = typeof msg === 'object' && msg !== null ? bytesOf((msg as { payload?: unknown }).payload) : undefined;
  if (payload) {
    const { payload: _, ...rest } = msg as { payload: unknown };
    const json = encoder.encode(JSON.stringify(rest));
    if (json.length > MAX_FRAME_BYTES) throw new Error(`frame of ${json.length} bytes is over ${MAX_FRAME_BYTES}`);
    const size = HEADER_BYTES + json.length + payload.length;
    if (size > MAX_BINARY_FRAME_BYTES)
      throw new Error(`binary frame of ${size} bytes is over ${MAX_BINARY_FRAME_BYTES}`);
    const frame = new Uint8Array(HEADER_BYTES + size);
    const view = new DataView(frame.buffer);
    view.setUint32(0, (size | BINARY) >>> 0);
    view.setUint32(HEADER_BYTES, json.length);
    frame.set(json, 2 * HEADER_BYTES);
    frame.set(payload, 2 * HEADER_BYTES + json.length);
    return frame;
  }
  const body = encoder.encode(JSON.stringify(msg));
  if (body.length > maxJsonBytes) throw new Error(`frame of ${body.length} bytes is over ${maxJsonBytes}`);
  const frame = new Uint8Array(HEADER_BYTES + body.length);
  new DataView(frame.buffer).setUint32(0, body.length);
  frame.set(body, HEADER_BYTES);
  return frame;
}

/**
 * Turns a byte stream, cut anywhere, back into the messages it carries. Chunks are kept as they
 * come and joined once a frame is whole, so a 16 MiB frame in 64 KiB chunks is copied once, not
 * once per chunk.
 */
export class FrameDecoder {
  #chunks: Uint8Array[] = [];
  #held = 0;
  // Not `fatal`: validating the UTF-8 first made decoding 10x slower on Deno 2.9.6 (47 ms against
  // 4.3 ms for a 16 MiB document's 22 MB of JSON, 1.0 against 0.2 µs at 1 KiB), paid by the worker
  // for each task and by the hub for each answer, which put deno-command's json way at 1.12x of a
  // minimal script at 16 MiB. Nothing is lost: bytes that are not UTF-8 decode to U+FFFD, which the
  // payload's checksum and the answer's check refuse, and a stream that is not frames still fails
  // its length cap or JSON.parse.
  readonly #text = new TextDecoder('utf-8');
  /** `maxJsonBytes`: the largest JSON frame taken (MAX_PAYLOAD_FRAME_BYTES where payloads travel). */
  constructor(private readonly maxJsonBytes = MAX_FRAME_BYTES) {}

  /** The first `n` held bytes as one array (joining chunks only when the first is too short). */
  #take(n: number): Uint8Array {
    const first = this.#chunks[0] as Uint8Array;
    let out: Uint8Array;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
    } else {
      out = new Uint8Array(n);
      let at = 0;
      while (at < n) {
        const c = this.#chunks[0] as Uint8Array;
        const k = Math.min(c.length, n - at);
        out.set(c.subarray(0, k), at);
        at += k;
        if (k === c.length) this.#chunks.shift();
        else this.#chunks[0] = c.subarray(k);
      }
    }
    this.#held -= n;
    return out;
  }

  #peekHeader(): number {
    const h = this.#take(HEADER_BYTES);
    // Put it back: a frame is taken whole once all of it is here.
    this.#chunks.unshift(h);
    this.#held += HEADER_BYTES;
    return new DataView(h.buffer, h.byteOffset, HEADER_BYTES).getUint32(0);
  }

  /** Add the next chunk; returns every message it completes, in order. Throws on a stream that is not frames. */
  push(chunk: Uint8Array): unknown[] {
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#held += chunk.length;
    }
    const out: unknown[] = [];
    while (this.#held >= HEADER_BYTES) {
      const word = this.#peekHeader();
      const binary = (word & BINARY) !== 0;
      const size = word & ~BINARY & 0x7fff_ffff;
      const cap = binary ? MAX_BINARY_FRAME_BYTES : this.maxJsonBytes;
      if (size > cap) throw new Error(`frame length ${size} is over ${cap}: not a frame stream`);
      if (this.#held - HEADER_BYTES < size) break;
      this.#take(HEADER_BYTES);
      const body = this.#take(size);
      out.push(binary ? this.#binary(body) : JSON.parse(this.#text.decode(body)));
    }
    return out;
  }

  #binary(body: Uint8Array): unknown {
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const jsonLength = body.length >= HEADER_BYTES ? view.getUint32(0) : Number.NaN;
    if (!(jsonLength <= body.length - HEADER_BYTES)) throw new Error('binary frame: its JSON length is past its end');
    const msg = JSON.parse(this.#text.decode(body.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength))) as unknown;
    if (typeof msg !== 'object' || msg === null) throw new Error('binary frame: its JSON is not an object');
    return { ...msg, payload: body.subarray(HEADER_BYTES + jsonLength) };
  }

  /** Bytes received that do not make a whole frame yet. */
  get pendingBytes(): number {
    return this.#held;
  }
}
