import { MAX_STRING_LENGTH } from '../constants.ts';
import { ResultFileError } from '../errors.ts';

/** A decoded msgpack map. */
export type Obj = Record<string, unknown>;
/** What holds a value: a map (by key) or a list (by index). */
export type Holder = Obj | readonly unknown[];
/** A map key or a list index. */
export type Key = string | number;

/** The keys of `T` that may be left out. */
type OptionalKey<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

/**
 * One reader per optional field of `T`. Every optional field must have one, so a field added to
 * the type cannot be dropped on reading without the compiler saying so.
 */
export type OptionalReaders<T> = {
  [K in OptionalKey<T>]-?: (o: Obj, parent: string, key: K & string) => NonNullable<T[K]>;
};

/** The path of `key` under `parent`: `parent.key`, `parent[3]`, or `key` at the top level. */
export const path = (parent: string, key: Key): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Checks of decoded values, each failing with a ResultFileError that names the file and the
 * field. A field is given as (holder, parent path, key), so that its path is built only when a
 * check fails: a file has thousands of fields and reading them is most of the reader's work.
 * Keys are the schema's own names, none of which Object.prototype has, so `holder[key]` reads
 * only what the file holds.
 */
export class FieldReader {
  constructor(readonly file: string) {}

  /** Refuse the file: `<file>: <field>: <detail>`. */
  fail(field: string, detail: string): never {
    throw new ResultFileError(this.file, field, detail);
  }

  /** A plain map: not a list, not binary, not nil. */
  map(h: Holder, parent: string, key: Key): Obj {
    const v = get(h, key);
    if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) {
      this.fail(path(parent, key), `expected a map, got ${describe(v)}`);
    }
    return v as Obj;
  }

  /** A string no longer than MAX_STRING_LENGTH: binary is not a string. */
  str(h: Holder, parent: string, key: Key): string {
    const v = get(h, key);
    if (typeof v !== 'string') this.fail(path(parent, key), `expected a string, got ${describe(v)}`);
    if (v.length > MAX_STRING_LENGTH) {
      this.fail(
        path(parent, key),
        `a string of ${v.length} characters is longer than the ${MAX_STRING_LENGTH} allowed`,
      );
    }
    return v;
  }

  /**
   * A finite number from `min` to `max`. The default range is that of exact integers, so a 64-bit
   * integer that a number cannot hold exactly is refused by name instead of read rounded.
   */
  num(h: Holder, parent: string, key: Key, min = -SAFE, max = SAFE): number {
    const v = get(h, key);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(path(parent, key), `expected a finite number, got ${describe(v)}`);
    }
    if (v < min) this.fail(path(parent, key), `expected at least ${min}, got ${v}`);
    if (v > max)
      this.fail(
        path(parent, key),
        `expected at most ${max}${max === SAFE ? ' (2^53 - 1: a larger integer does not fit a number exactly)' : ''}, got ${v}`,
      );
    // -0 would not survive the writer's JSON step: read it as 0 so a file re-encodes to itself.
    return v + 0;
  }

  /** A whole number from `min` to `max`. */
  int(h: Holder, parent: string, key: Key, min: number, max = SAFE): number {
    const n = this.num(h, parent, key, min, max);
    if (!Number.isInteger(n)) this.fail(path(parent, key), `expected a whole number, got ${n}`);
    return n;
  }

  /** true or false. */
  bool(h: Holder, parent: string, key: Key): boolean {
    const v = get(h, key);
    if (typeof v !== 'boolean') this.fail(path(parent, key), `expected a boolean, got ${describe(v)}`);
    return v;
  }

  /** A list of at most `max` items, each read by `item` from the list, its path and its index. */
  list<T>(
    h: Holder,
    parent: string,
    key: Key,
    max: number,
    item: (list: readonly unknown[], field: string, i: number) => T,
  ): T[] {
    const v = get(h, key);
    const field = path(parent, key);
    if (!Array.isArray(v)) this.fail(field, `expected a list, got ${describe(v)}`);
    if (v.length > max) this.fail(field, `${v.length} items, more than the ${max} allowed`);
    const out = new Array<T>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = item(v, field, i);
    return out;
  }

  /** A string that is one of `members`. */
  oneOf<T extends string>(h: Holder, parent: string, key: Key, members: readonly T[]): T {
    const s = this.str(h, parent, key);
    if (!members.includes(s as T)) {
      this.fail(path(parent, key), `expected one of ${members.join(', ')}, got ${describe(s)}`);
    }
    return s as T;
  }

  /** The optional fields of `o` that are present (nil counts as absent), each read by its reader. */
  optional<T>(o: Obj, parent: string, readers: OptionalReaders<T>): Partial<Pick<T, OptionalKey<T>>> {
    const out: Partial<Pick<T, OptionalKey<T>>> = {};
    for (const key of Object.keys(readers) as Array<OptionalKey<T> & string>) {
      const v = o[key];
      if (v !== undefined && v !== null) out[key] = readers[key](o, parent, key);
    }
    return out;
  }
}

const get = (h: Holder, key: Key): unknown => (h as Record<Key, unknown>)[key];

/** Every member of a string union, listed once: the Record type makes the list complete. */
export const members = <T extends string>(all: Record<T, true>): readonly T[] => Object.keys(all) as T[];

/** A value as an error message shows it: short, and escaped so it cannot break a log line. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `'${JSON.stringify(v.slice(0, 40)).slice(1, -1)}${v.length > 40 ? '...' : ''}'`;
  return `${typeof v} ${String(v)}`;
}
