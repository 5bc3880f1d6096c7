import { describe, expect, test } from 'vitest';
import { packed, refusal, sampleResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';
import { MAX_LIBRARY_OPTIONS } from './codec-libraries.ts';
import type { LibraryInfo, ResultFile } from './types.ts';

const piscina: LibraryInfo = {
  mode: 'threads',
  impl: 'piscina',
  name: 'piscina',
  version: '5.3.2',
  options: { minThreads: 'workers', idleTimeout: 3_600_000, atomics: 'sync', stricterFIFO: false },
};
const withLibraries = (libraries: unknown): Uint8Array => packed({ ...sampleResult(), libraries });

describe('decodeResult: libraries', () => {
  test('a file with its pool libraries reads back the same', () => {
    const r: ResultFile = { ...sampleResult(), libraries: [piscina] };
    expect(decodeResult(encodeResult(r), 'f').libraries).toEqual([piscina]);
  });

  test('a file without them reads as before', () => {
    expect(decodeResult(encodeResult(sampleResult()), 'f').libraries).toBeUndefined();
  });

  test.each<[string, unknown, RegExp]>([
    ['a list', { ...piscina, options: { workers: [1] } }, /libraries\[0\]\.options\.workers: expected a finite number/],
    ['null', { ...piscina, options: { atomics: null } }, /libraries\[0\]\.options\.atomics: expected a finite number/],
    ['a bad name', { ...piscina, options: { 'a b': 1 } }, /libraries\[0\]\.options: not an option name: /],
    ['a mode', { ...piscina, mode: 'async' }, /libraries\[0\]\.mode: .*threads, processes/],
    [
      'no version',
      { mode: 'threads', impl: 'p', name: 'p', options: {} },
      /libraries\[0\]\.version: expected a string/,
    ],
    [
      'too many options',
      {
        ...piscina,
        options: Object.fromEntries(Array.from({ length: MAX_LIBRARY_OPTIONS + 1 }, (_, i) => [`o${i}`, i])),
      },
      /libraries\[0\]\.options: 65 options, more than the 64 allowed/,
    ],
  ])('refuses %s, naming the field', (_what, library, message) => {
    expect(refusal(withLibraries([library]))).toMatch(message);
  });

  test('refuses libraries that are not a list', () => {
    expect(refusal(withLibraries({ piscina }))).toMatch(/libraries: expected a list/);
  });
});
