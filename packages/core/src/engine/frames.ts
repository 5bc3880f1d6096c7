/**
 * Length-prefixed JSON frames, the wire of the stdio transports (Deno.Command with piped stdin and
 * stdout): a 4-byte big-endian byte length, then that many bytes of UTF-8 JSON. Both ends use this
 * file, so the hub and the worker cannot disagree on the format.
 */

/** Bytes of the length prefix. */
const HEADER_BYTES = 4;
/**
 * The largest frame either end accepts. Protocol messages are under 1 KiB; a length past this means
 * the stream is not ours (something printed to stdout), and it must not make the reader wait for
 * or allocate gigabytes.
 */
export const MAX_FRAME_BYTES = 1 << 20;

const encoder = new TextEncoder();

/** One message as a frame: its length, then its JSON. */
export function encodeFrame(msg: unknown): Uint8Array {
  const body = encoder.encode(JSON.stringify(msg));
  if (body.length > MAX_FRAME_BYTES) throw new Error(`frame of ${body.length} bytes is over ${MAX_FRAME_BYTES}`);
  const frame = new Uint8Array(HEADER_BYTES + body.length);
  new DataView(frame.buffer).setUint32(0, body.length);
  frame.set(body, HEADER_BYTES);
  return frame;
}

/** Turns a byte stream, cut anywhere, back into the messages it carries. */
export class FrameDecoder {
  #buf = new Uint8Array(0);
  readonly #text = new TextDecoder('utf-8', { fatal: true });

  /** Add the next chunk; returns every message it completes, in order. Throws on a stream that is not frames. */
  push(chunk: Uint8Array): unknown[] {
    const buf = new Uint8Array(this.#buf.length + chunk.length);
    buf.set(this.#buf);
    buf.set(chunk, this.#buf.length);
    const out: unknown[] = [];
    let at = 0;
    while (buf.length - at >= HEADER_BYTES) {
      const size = new DataView(buf.buffer, at).getUint32(0);
      if (size > MAX_FRAME_BYTES)
        throw new Error(`frame length ${size} is over ${MAX_FRAME_BYTES}: not a frame stream`);
      if (buf.length - at - HEADER_BYTES < size) break;
      const body = buf.subarray(at + HEADER_BYTES, at + HEADER_BYTES + size);
      out.push(JSON.parse(this.#text.decode(body)));
      at += HEADER_BYTES + size;
    }
    this.#buf = buf.slice(at);
    return out;
  }

  /** Bytes received that do not make a whole frame yet. */
  get pendingBytes(): number {
    return this.#buf.length;
  }
}
