import { expect, test } from 'vitest';
import { wrapLines } from '../src/client/wrap-text.ts';

// Every character 10 px wide: a line of 100 px holds 10.
const mono = { measureText: (t: string) => ({ width: t.length * 10 }) };

test('lines break at spaces, each within the width, every word kept in order', () => {
  const text = 'CPython 3.11.7 · ThreadPoolExecutor / ProcessPool';
  const lines = wrapLines(mono, text, 200);
  for (const l of lines) expect(l.length * 10).toBeLessThanOrEqual(200);
  expect(lines.join(' ')).toBe(text);
  expect(lines).toEqual(['CPython 3.11.7 ·', 'ThreadPoolExecutor /', 'ProcessPool']);
});

test('a word wider than a line is cut into pieces that fit, as the page wraps it anywhere', () => {
  expect(wrapLines(mono, 'ab ProcessPoolExecutor-forkserver', 100)).toEqual([
    'ab',
    'ProcessPoo',
    'lExecutor-',
    'forkserver',
  ]);
});

test('text that fits is one line; empty text is one empty line', () => {
  expect(wrapLines(mono, 'IO: total', 100)).toEqual(['IO: total']);
  expect(wrapLines(mono, '', 100)).toEqual(['']);
});
