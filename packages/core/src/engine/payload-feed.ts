import type { PayloadWay } from '../format/types.ts';
import {
  checksumBytes,
  checksumDoc,
  formOf,
  type PayloadDoc,
  payloadAnswer,
  payloadBytes,
  payloadDoc,
  ROW_CHARS,
  SHARED_HEADER_BYTES,
} from './payload.ts';

/** A payload cell's parameters: the way its bytes travel and how many. */
export interface PayloadPlan {
  way: PayloadWay;
  bytes: number;
  /**
   * The payload's bytes (`payloadBytes(bytes)`) when the caller has made them already, as a sweep
   * does once per size: read, never written nor moved. Without it the hub makes them for each run.
   */
  made?: Uint8Array | undefined;
  /**
   * The payload's document form (`payloadDoc(bytes)`) made already, for the ways that carry one:
   * read, never written (it must be that form of `made`'s bytes). Without it the hub makes one for
   * each run (262,144 records at 16 MiB), garbage the engine collects during some later run, where a
   * minimal script keeps its one document.
   */
  madeDoc?: PayloadDoc | undefined;
}

/** What the hub adds to one task message, and what it moves rather than copies. */
export interface PayloadSend {
  fields: { way: PayloadWay; payload: unknown };
  transfer?: ArrayBuffer[];
}

/** What a hub run asks of the data its tasks carry beyond the built-in fields (a payload, a moved arg). */
export interface TaskFeed {
  /** The fields of task `id` sent to worker `slot`, and the buffers moved with it. */
  next(slot: number, id: number): { fields: Record<string, unknown>; transfer?: ArrayBuffer[] };
  /** Check what came back with task `id`'s answer: an error message, or undefined. */
  received(slot: number, id: number, back: unknown): string | undefined;
}

const bytesOf = (x: unknown): Uint8Array | undefined =>
  x instanceof ArrayBuffer
    ? new Uint8Array(x)
    : ArrayBuffer.isView(x)
      ? new Uint8Array(x.buffer, x.byteOffset, x.byteLength)
      : undefined;

/**
 * The hub's side of a payload cell: the payloads made before the run (off the clock), one per
 * worker where the way needs its own (a transferred buffer travels back and forth; a shared buffer
 * is that worker's), what each task message carries, and the check of what comes back: every
 * returned byte is checksummed, and a shared buffer must hold the answer the worker wrote in it.
 */
export class PayloadFeed implements TaskFeed {
  /** The checksum of the payload's bytes: each task's answer is `payloadAnswer(sum, id)`. */
  readonly sum: number;
  readonly #plan: PayloadPlan;
  #doc: PayloadDoc | undefined;
  #bytes: Uint8Array | undefined;
  /** Per worker: its transferred ArrayBuffer (undefined while it is away) or its SharedArrayBuffer. */
  readonly #own: (ArrayBuffer | SharedArrayBuffer | undefined)[] = [];

  constructor(plan: PayloadPlan, workers: number) {
    this.#plan = plan;
    // A fresh 16 MiB buffer for each run, made just before it, cost Bun's threads 1.15x of a minimal
    // script that reuses its buffer (the allocation's cost lands in the work phase): reuse one when given.
    const made = plan.made;
    const bytes = made !== undefined && made.length === plan.bytes ? made : payloadBytes(plan.bytes);
    this.sum = checksumBytes(bytes);
    const form = formOf(plan.way);
    if (form === 'doc') {
      const given = plan.madeDoc;
      this.#doc =
        given !== undefined &&
        given.rows.length === Math.ceil(plan.bytes / ROW_CHARS) &&
        checksumDoc(given) === this.sum
          ? given
          : payloadDoc(plan.bytes);
    } else if (plan.way === 'transfer') {
      for (let i = 0; i < workers; i++) this.#own.push(bytes.slice().buffer);
    } else if (form === 'shared') {
      for (let i = 0; i < workers; i++) {
        const sab = new SharedArrayBuffer(SHARED_HEADER_BYTES + plan.bytes);
        new Uint8Array(sab, SHARED_HEADER_BYTES).set(bytes);
        this.#own.push(sab);
      }
    } else if (plan.way !== 'clone-buffer') this.#bytes = bytes;
    // The way sends the whole ArrayBuffer: a view of part of one is copied out first.
    else this.#bytes = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  }

  /** The payload fields of task `id` sent to worker `slot`. */
  next(slot: number, id: number): PayloadSend {
    const { way } = this.#plan;
    if (this.#doc) return { fields: { way, payload: this.#doc } };
    if (way === 'clone-buffer') return { fields: { way, payload: (this.#bytes as Uint8Array).buffer } };
    if (this.#bytes) return { fields: { way, payload: this.#bytes } };
    const own = this.#own[slot];
    if (own === undefined) throw new Error(`payload: worker ${slot + 1} has not given its buffer back`);
    if (own instanceof SharedArrayBuffer) {
      const header = new Int32Array(own, 0, 2);
      Atomics.store(header, 1, 0);
      // The release the worker's Atomics.load pairs with: every byte written before it is seen.
      Atomics.store(header, 0, id + 1);
      return { fields: { way, payload: own } };
    }
    this.#own[slot] = undefined;
    return { fields: { way, payload: own }, transfer: [own] };
  }

  /** Check what worker `slot` sent back for task `id`; an error message, or undefined when all is there. */
  received(slot: number, id: number, payload: unknown): string | undefined {
    const { way, bytes } = this.#plan;
    const form = formOf(way);
    if (form === 'shared') {
      const sab = this.#own[slot] as SharedArrayBuffer;
      const written = Atomics.load(new Int32Array(sab, 0, 2), 1);
      if (written !== (payloadAnswer(this.sum, id) | 0)) return `its answer was not in the shared buffer (${written})`;
      if (checksumBytes(new Uint8Array(sab, SHARED_HEADER_BYTES)) !== this.sum) return 'the shared bytes changed';
      return undefined;
    }
    if (form === 'doc') {
      const doc = payload as PayloadDoc | undefined;
      if (!doc || !Array.isArray(doc.rows) || checksumDoc(doc) !== this.sum) return 'the returned document differs';
      return undefined;
    }
    const back = bytesOf(payload);
    if (!back || back.length !== bytes)
      return `it returned ${back ? `${back.length} bytes` : 'no bytes'}, not ${bytes}`;
    if (checksumBytes(back) !== this.sum) return 'the returned bytes differ';
    if (way === 'transfer') this.#own[slot] = payload as ArrayBuffer;
    return undefined;
  }
}
