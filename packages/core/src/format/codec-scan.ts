/**
 * A walk over msgpack bytes before any value is built, in one pass without recursion, so that
 * the decoder only ever sees plain data nested no deeper than the reader allows. It refuses:
 * - every extension type (0xc7..0xc9, 0xd4..0xd8). A result file is plain maps, lists, strings,
 *   binary, numbers, booleans and nil; msgpackr's extensions include structured-clone references
 *   and bundled strings, which let a few bytes stand for a large value, and records, which
 *   compile code from the file's keys;
 * - 0xc1, which msgpack reserves and msgpackr reads as a reference into bundled strings;
 * - nesting deeper than `maxNesting`, which would exhaust the decoder's stack;
 * - more maps and lists than one per `minBytesPerContainer` bytes: each takes far more memory
 *   decoded than the one byte it can take in msgpack;
 * - a value that runs past the end, and bytes left after the one top-level value.
 *
 * Every step reads at least one byte, so the walk costs time in proportion to the input.
 * Returns what is wrong, or undefined when the bytes are plain msgpack.
 */
export function plainMsgpackProblem(
  bytes: Uint8Array,
  limits: { maxNesting: number; minBytesPerContainer: number },
): string | undefined {
  const end = bytes.length;
  const { maxNesting } = limits;
  // 64 more whatever the size, so that a tiny input is refused for what else is wrong with it.
  const maxContainers = 64 + Math.floor(end / limits.minBytesPerContainer);
  let containers = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Values still to read in each enclosing map or list; the top level is one value.
  const open: number[] = [];
  let left = 1;
  let at = 0;
  for (;;) {
    if (left === 0) {
      const outer = open.pop();
      if (outer === undefined) break;
      left = outer;
      continue;
    }
    const start = at;
    if (start >= end) return `ends early, at byte ${end}`;
    const token = bytes[at++] as number;
    left--;
    const shape = SHAPE[token] as number;
    const head = HEAD[token] as number;
    if (shape === SCALAR) {
      // Most of a file: numbers, nil, booleans. Their size is all in the first byte.
      at += head;
      if (at > end) return `ends early, inside the value at byte ${start}`;
      continue;
    }
    if (shape === REFUSED) {
      return token === 0xc1
        ? `byte 0xc1 at ${start} is reserved in msgpack`
        : `extension type at byte ${start}: a result file holds only plain maps, lists, strings, numbers, booleans and nil`;
    }
    if (at + head > end) return `ends early, inside the value at byte ${start}`;
    // Bytes of a string or binary, items of a list, pairs of a map: in the first byte or after it.
    const length =
      head === 0
        ? token & (token < 0xa0 ? 0x0f : 0x1f)
        : head === 1
          ? (bytes[at] as number)
          : head === 2
            ? view.getUint16(at)
            : view.getUint32(at);
    at += head;
    if (shape === BYTES) {
      at += length;
      if (at > end) return `ends early, inside the value at byte ${start}`;
    } else {
      // The maps and lists in `open` enclose this one, which is one level deeper.
      if (open.length >= maxNesting) return `maps and lists nested more than ${maxNesting} deep, at byte ${start}`;
      if (++containers > maxContainers) {
        return `more than one map or list per ${limits.minBytesPerContainer} bytes, at byte ${start}: a result file is mostly numbers and text`;
      }
      open.push(left);
      left = shape === MAP ? length * 2 : length;
    }
  }
  return at === end ? undefined : `extra bytes after the value, from byte ${at}`;
}

/** What a first byte starts: a value whose size the first bytes give, bytes, a list, a map, or nothing allowed. */
const SCALAR = 0;
const BYTES = 1;
const LIST = 2;
const MAP = 3;
const REFUSED = 4;

const SHAPE = Uint8Array.from({ length: 256 }, (_, t) => {
  if (t < 0x80 || t >= 0xe0) return SCALAR; // fixint, negative fixint
  if (t < 0x90 || t === 0xde || t === 0xdf) return MAP;
  if (t < 0xa0 || t === 0xdc || t === 0xdd) return LIST;
  if (t < 0xc0 || (t >= 0xc4 && t <= 0xc6) || (t >= 0xd9 && t <= 0xdb)) return BYTES; // str, bin
  if (t === 0xc1 || (t >= 0xc7 && t <= 0xc9) || (t >= 0xd4 && t <= 0xd8)) return REFUSED;
  return SCALAR; // nil, booleans, floats, ints
});

/** Bytes after the first byte before the value's data: a length, or the number itself. */
const HEAD = Uint8Array.from({ length: 256 }, (_, t) => {
  if (t < 0xc0 || t >= 0xe0) return 0;
  if (t === 0xc4 || t === 0xcc || t === 0xd0 || t === 0xd9) return 1; // bin 8, uint 8, int 8, str 8
  if (t === 0xc5 || t === 0xcd || t === 0xd1 || t === 0xda || t === 0xdc || t === 0xde) return 2;
  if (t === 0xc6 || t === 0xca || t === 0xce || t === 0xd2 || t === 0xdb || t === 0xdd || t === 0xdf) return 4;
  if (t === 0xcb || t === 0xcf || t === 0xd3) return 8; // float 64, uint 64, int 64
  return 0; // nil, booleans, and the refused bytes
});
