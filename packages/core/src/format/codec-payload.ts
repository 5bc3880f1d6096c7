import { MAX_LIST_ITEMS } from '../constants.ts';
import { MAX_PAYLOAD_BYTES } from '../engine/payload-ways.ts';
import { type FieldReader, type Holder, type Key, members, path } from './codec-reader.ts';
import type { ArgTransfer, PayloadWay, SkippedWay, WorkerMode } from './types.ts';

/** Every payload way a file may name. */
export const WAYS = members<PayloadWay>({
  'clone-object': true,
  'clone-buffer': true,
  transfer: true,
  shared: true,
  json: true,
  advanced: true,
  'advanced-buffer': true,
  frames: true,
});
const WORKER_MODES = members<WorkerMode>({ threads: true, processes: true });
/** `config.argTransfer`'s values. */
export const ARG_TRANSFERS = members<ArgTransfer>({ clone: true, transfer: true, shared: true });
/** Far more than the ways of every transport of a runtime. */
export const MAX_SKIPPED_WAYS = 256;

/** A payload size: a whole number of bytes, 1 to the largest a runner accepts. */
export const readPayloadBytes = (r: FieldReader, h: Holder, parent: string, key: Key): number =>
  r.int(h, parent, key, 1, MAX_PAYLOAD_BYTES);

/** `config.payloadBytes`: the sizes a payload run carried. */
export const readPayloadSizes = (r: FieldReader, h: Holder, parent: string, key: Key): number[] =>
  r.list(h, parent, key, MAX_LIST_ITEMS, (l, g, i) => readPayloadBytes(r, l, g, i));

/** `config.ways`: the ways asked for. */
export const readWays = (r: FieldReader, h: Holder, parent: string, key: Key): PayloadWay[] =>
  r.list(h, parent, key, MAX_LIST_ITEMS, (l, g, i) => r.oneOf(l, g, i, WAYS));

/** `skippedWays`: each way a transport lacked, with why. */
export const readSkippedWays = (r: FieldReader, h: Holder, parent: string, key: Key): SkippedWay[] =>
  r.list(h, parent, key, MAX_SKIPPED_WAYS, (l, g, i) => {
    const o = r.map(l, g, i);
    const f = path(g, i);
    return {
      mode: r.oneOf(o, f, 'mode', WORKER_MODES),
      impl: r.str(o, f, 'impl'),
      way: r.oneOf(o, f, 'way', WAYS),
      reason: r.str(o, f, 'reason'),
    };
  });
