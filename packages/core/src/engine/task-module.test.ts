import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { answerMatches } from './answers.ts';
import { loadTaskModule } from './task-module.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tvp-module-'));
let n = 0;
/** A module file with `source`, new each time (import caches by URL). */
const moduleFile = (source: string): string => {
  const file = path.join(dir, `m${n++}.mjs`);
  writeFileSync(file, source);
  return file;
};

describe('loadTaskModule: bad input is a UsageError naming the module', () => {
  test.each<[string, string | undefined, RegExp]>([
    ['a missing file', undefined, /--task-module .*nowhere\.mjs: cannot be read \(ENOENT\)/],
    [
      'no default export',
      'export const x = 1;',
      /: its default export must be a function of one argument, got undefined/,
    ],
    ['a default that is not a function', 'export default 42;', /got number/],
    // Under vitest, vite reports the syntax error in its own words.
    ['a syntax error', 'export default (', /--task-module .*\.mjs: .*(SyntaxError|syntax)/],
    [
      'an arg that cannot be cloned',
      'export const arg = { f() {} }; export default (a) => a;',
      /its arg cannot be sent to a worker: DataCloneError/,
    ],
    [
      'a bound that is neither',
      "export const bound = 'gpu'; export default () => 1;",
      /its bound export must be 'cpu' or 'io', got "gpu"/,
    ],
    [
      'a name that is not a string',
      'export const name = 7; export default () => 1;',
      /its name export must be a string/,
    ],
  ])('%s', async (_what, source, message) => {
    const file = source === undefined ? path.join(dir, 'nowhere.mjs') : moduleFile(source);
    const err = await loadTaskModule(file).catch((e: Error) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain(file);
  });
});

describe('loadTaskModule: what the file records and the answer', () => {
  test('identity: path, name, the SHA-256 of the source, bound, the arg hash; the answer is the function’s', async () => {
    const source =
      "export const name = 'sum'; export const bound = 'io'; export const arg = [1, 2, 3];\nexport default async (xs) => ({ sum: xs.reduce((a, b) => a + b, 0) });";
    const file = moduleFile(source);
    const m = await loadTaskModule(file);
    expect(m.info).toEqual({
      path: file,
      name: 'sum',
      sha256: createHash('sha256').update(source).digest('hex'),
      bound: 'io',
      argHash: createHash('sha256').update('[1,2,3]').digest('hex'),
      checked: true,
    });
    expect(m.expected.value).toEqual({ sum: 6 });
    expect(answerMatches({ sum: 6 }, m.expected)).toBe(true);
    expect(answerMatches({ sum: 7 }, m.expected)).toBe(false);
    expect(m.warnings).toEqual([]);
  });

  test('defaults: the file name, cpu-bound, no arg hash without an arg', async () => {
    const file = moduleFile('export default () => 1;');
    const m = await loadTaskModule(file);
    expect(m.info.name).toBe(path.basename(file, '.mjs'));
    expect(m.info.bound).toBe('cpu');
    expect(m.info.argHash).toBeUndefined();
  });

  test('a result that varies between calls cannot be checked: checked false, and a warning says so', async () => {
    const m = await loadTaskModule(moduleFile('let i = 0; export default () => i++;'));
    expect(m.info.checked).toBe(false);
    expect(m.warnings.join('\n')).toMatch(/two calls gave different results \(0 then 1\): answers not checked/);
    expect(answerMatches(41, m.expected)).toBe(true);
  });

  test('a function that throws with its arg is a usage error saying what it threw and where', async () => {
    const file = moduleFile(
      "export const arg = 3;\nexport default (n) => {\n  throw new RangeError('bad row ' + n);\n};",
    );
    const err = await loadTaskModule(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    // Where it threw is checked through the built CLI (runner-node's task-sources test): under
    // Vitest the module is transformed, and its stack names the transformed file.
    expect((err as Error).message).toMatch(
      new RegExp(`^--task-module ${file}: its function threw when called with its arg.*: RangeError: bad row 3$`),
    );
  });

  test('a result that cannot be sent back is known before the sweep', async () => {
    const m = await loadTaskModule(moduleFile('const f = () => 1; export default () => f;'));
    expect(m.expected.sendError).toMatch(/DataCloneError/);
    expect(m.warnings.join('\n')).toMatch(/its result cannot be sent back from a worker/);
    // Two functions never compare equal; that is not a result that varies.
    expect(m.warnings.join('\n')).not.toMatch(/two calls gave different results/);
  });

  test('an arg that JSON changes is said: process workers receive it as JSON', async () => {
    const m = await loadTaskModule(moduleFile('export const arg = new Map([[1, 2]]); export default (m) => m.size;'));
    expect(m.warnings.join('\n')).toMatch(/its arg changes through JSON/);
  });
});

test("the README's example (examples/json-parse.mjs) loads: cpu-bound, its answer checked", async () => {
  const m = await loadTaskModule(fileURLToPath(new URL('../../../../examples/json-parse.mjs', import.meta.url)));
  expect(m.info).toMatchObject({ name: 'json-parse', bound: 'cpu', checked: true });
  expect(m.expected.value).toEqual({ rows: 20_000, active: 6_667, scoreTenths: expect.any(Number) });
  expect(m.warnings).toEqual([]);
});
