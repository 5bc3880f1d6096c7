import { Packr, Unpackr } from 'msgpackr';
import { MAX_NESTING, MIN_BYTES_PER_CONTAINER } from '../constants.ts';
import { readResult } from './codec-fields.ts';
import { FieldReader } from './codec-reader.ts';
import { plainMsgpackProblem } from './codec-scan.ts';
import type { ResultFile } from './types.ts';

// The portable form (TOOLCHAIN.md): plain maps, no shared record structures, the same bytes on
// every runtime, readable by any msgpack library.
const packr = new Packr({ useRecords: false, encodeUndefinedAsNil: true });
// structuredClone: false refuses msgpackr's reference extension, with which a small file stands
// for a huge tree (one cell referenced thousands of times). int64AsType: 'number' reads the
// uint64 / int64 that other msgpack libraries write for large integers as numbers, not BigInts;
// the field checks then refuse any that a number cannot hold exactly.
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, structuredClone: false, int64AsType: 'number' });

/** Encode a result file. Undefined optional fields are dropped, not written as nil. */
export function encodeResult(result: ResultFile): Uint8Array {
  return encodePlain(result);
}

/**
 * The one reader of result files: decode msgpack and validate every field. Refuses an unknown
 * `schemaVersion`, a truncated, foreign or oversized file, with an error that names `file` and
 * the field. Costs time and memory in proportion to the size of `bytes`, whatever they hold.
 */
export function decodeResult(bytes: Uint8Array, file: string): ResultFile {
  const r = new FieldReader(file);
  return readResult(r, unpackPlain(bytes, r, 'result file'));
}

/**
 * Plain msgpack bytes as a value, refused through `r` (naming its file) when they are not: checked
 * before msgpackr builds anything (no extensions, bounded nesting and number of maps and lists,
 * nothing truncated), so that the cost stays in proportion to the size of `bytes`. `what` names
 * the kind of file in the refusal.
 */
export function unpackPlain(bytes: Uint8Array, r: FieldReader, what: string): unknown {
  const problem = plainMsgpackProblem(bytes, {
    maxNesting: MAX_NESTING,
    minBytesPerContainer: MIN_BYTES_PER_CONTAINER,
  });
  if (problem !== undefined) r.fail('', `not a msgpack ${what} (${problem})`);
  try {
    return unpackr.unpack(bytes);
  } catch (err) {
    r.fail('', `not a msgpack ${what} (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Encode plain data in the portable form, as result files are; undefined fields are dropped. */
export function encodePlain(value: unknown): Uint8Array {
  return packr.pack(JSON.parse(JSON.stringify(value)));
}
