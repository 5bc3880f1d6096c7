import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { UsageError } from '../errors.ts';
import type { TaskBound, TaskModuleInfo } from '../format/types.ts';
import { type ExpectedValue, expectedValue, showAnswer, viaJson } from './answers.ts';
import { importTaskFunction } from './task-target.ts';

/** A `--task-module` ready for a sweep: what the file records, the function, and its checked answer. */
export interface LoadedTaskModule {
  info: TaskModuleInfo;
  /** The URL workers import. */
  url: string;
  fn: (arg: unknown) => unknown;
  arg: unknown;
  expected: ExpectedValue;
  /** Said in the result file: an answer that cannot be checked, an arg that JSON changes. */
  warnings: string[];
}

const BOUNDS: readonly TaskBound[] = ['cpu', 'io'];
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Load a task module on the main thread, before any worker starts: read and hash its source,
 * import it, check its exports, and call its function twice, off the clock, for the answer every
 * task must give (two results that differ: the answer cannot be checked). A missing file, an
 * import that fails, a default export that is not a function, a bad `bound` or `name`, an `arg`
 * that structuredClone refuses, or a function that throws when called with its `arg` is a
 * UsageError naming the module (and, for a throw, where in it): every cell would fail the same
 * way, so nothing is run and nothing written. A result that cannot be sent back is not: the
 * main-thread cells run, the worker cells fail saying why.
 */
export async function loadTaskModule(file: string): Promise<LoadedTaskModule> {
  const abs = path.resolve(file);
  const bad = (detail: string): never => {
    throw new UsageError(`--task-module ${abs}: ${detail}`);
  };
  let source: Buffer;
  try {
    source = await readFile(abs);
  } catch (err) {
    return bad(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const url = pathToFileURL(abs).href;
  let mod: Record<string, unknown>;
  let fn: (arg: unknown) => unknown;
  try {
    mod = (await import(url)) as Record<string, unknown>;
    fn = await importTaskFunction(url);
  } catch (err) {
    const e = err as Error;
    if (e instanceof TypeError && e.message.startsWith(url)) return bad(e.message.slice(url.length + 2));
    // Node 20 keeps a syntax error's line out of the error it rejects with; its checker prints it.
    const hint = e.name === 'SyntaxError' && whereIn(e, url) === undefined ? ` (node --check ${abs} shows where)` : '';
    return bad(`${e.name}: ${e.message}${hint}`);
  }
  const bound = mod.bound ?? 'cpu';
  if (!BOUNDS.includes(bound as TaskBound)) bad(`its bound export must be 'cpu' or 'io', got ${showAnswer(bound)}`);
  const rawName = mod.name ?? path.basename(abs).replace(/\.[cm]?[jt]s$/, '');
  if (typeof rawName !== 'string' || rawName === '' || rawName.length > 64) {
    bad('its name export must be a string of 1 to 64 characters');
  }
  const name = rawName as string;
  const arg = mod.arg;
  try {
    structuredClone(arg);
  } catch (err) {
    bad(`its arg cannot be sent to a worker: ${(err as Error).name}: ${(err as Error).message}`);
  }
  const warnings: string[] = [];
  const argJson = viaJson(arg);
  if (arg !== undefined && !isDeepStrictEqual(argJson, arg)) {
    warnings.push(`task module ${name}: its arg changes through JSON, which is how process workers receive it`);
  }
  const expected = await expectedOf(fn, arg, name, warnings, (e): never => {
    const where = whereIn(e, url);
    return bad(`its function threw when called with its arg${where ? ` (${where})` : ''}: ${e.name}: ${e.message}`);
  });
  let argText: string | undefined;
  try {
    argText = arg === undefined ? undefined : JSON.stringify(arg);
  } catch {
    argText = undefined;
  }
  const info: TaskModuleInfo = {
    path: abs,
    name,
    sha256: sha256(source),
    bound: bound as TaskBound,
    ...(argText !== undefined ? { argHash: sha256(argText) } : {}),
    checked: expected.checked,
  };
  return { info, url, fn, arg, expected, warnings };
}

/** `at task.mjs:3:7`: the first frame of an error's stack in the module's own file, if any. */
function whereIn(err: Error, url: string): string | undefined {
  const line = err.stack?.split('\n').find((l) => l.includes(url));
  const at = line === undefined ? undefined : new RegExp(`${escapeRegExp(url)}:(\\d+)(?::(\\d+))?`).exec(line);
  if (!at) return undefined;
  return `at ${path.basename(fileURLToPath(url))}:${at[1]}${at[2] ? `:${at[2]}` : ''}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Two calls on the main thread: the same result is the answer, a varying one cannot be checked; a throw goes to `threw`. */
async function expectedOf(
  fn: (arg: unknown) => unknown,
  arg: unknown,
  name: string,
  warnings: string[],
  threw: (err: Error) => never,
): Promise<ExpectedValue> {
  let first: unknown;
  let second: unknown;
  try {
    first = await fn(structuredClone(arg));
    second = await fn(structuredClone(arg));
  } catch (err) {
    return threw(err instanceof Error ? err : new Error(String(err)));
  }
  let sendError: string | undefined;
  try {
    structuredClone(first);
  } catch (err) {
    sendError = `${(err as Error).name}: ${(err as Error).message}`;
    warnings.push(`task module ${name}: its result cannot be sent back from a worker (${sendError})`);
  }
  // Two results that cannot be sent (functions, sockets) never compare equal: saying they varied would mislead.
  if (sendError !== undefined && !isDeepStrictEqual(first, second)) return expectedValue(undefined, false, sendError);
  if (!isDeepStrictEqual(first, second)) {
    warnings.push(
      `task module ${name}: two calls gave different results (${showAnswer(first)} then ${showAnswer(second)}): answers not checked (checked: false)`,
    );
    return expectedValue(undefined, false, sendError);
  }
  return expectedValue(first, true, sendError);
}
