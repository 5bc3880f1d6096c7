import { describe, type FieldReader, type Holder, type Key, members, path } from './codec-reader.ts';
import type { LibraryInfo, WorkerMode } from './types.ts';

/** At most this many libraries in one file, and options per library. */
export const MAX_LIBRARIES = 64;
export const MAX_LIBRARY_OPTIONS = 64;

const WORKER_MODES = members<WorkerMode>({ threads: true, processes: true });
// An option's name: an identifier, as each library spells its options.
const OPTION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** `libraries[i]`: a pool library's name, version, and options (each a string, number or boolean). */
export function readLibrary(r: FieldReader, h: Holder, parent: string, key: Key): LibraryInfo {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const raw = r.map(o, f, 'options');
  const g = path(f, 'options');
  const names = Object.keys(raw);
  if (names.length > MAX_LIBRARY_OPTIONS)
    r.fail(g, `${names.length} options, more than the ${MAX_LIBRARY_OPTIONS} allowed`);
  const options: LibraryInfo['options'] = {};
  for (const name of names) {
    if (!OPTION_NAME.test(name) || name === '__proto__') r.fail(g, `not an option name: ${describe(name)}`);
    const v = raw[name];
    options[name] =
      typeof v === 'string' ? r.str(raw, g, name) : typeof v === 'boolean' ? r.bool(raw, g, name) : r.num(raw, g, name);
  }
  return {
    mode: r.oneOf(o, f, 'mode', WORKER_MODES),
    impl: r.str(o, f, 'impl'),
    name: r.str(o, f, 'name'),
    version: r.str(o, f, 'version'),
    options,
  };
}
