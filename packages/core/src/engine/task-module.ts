import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
 * import that fails, a default export that is not a function, a bad `bound` or `name`, or an `arg`
 * that structuredClone refuses is a UsageError naming the module. A function that throws is not:
 * its cells fail with the reason, as any task's would.
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
    return bad(
      e instanceof TypeError && e.message.startsWith(url) ? e.message.slice(url.length + 2) : `${e.name}: ${e.message}`,
    );
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
  const expected = await expectedOf(fn, arg, name, warnings);
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

/** Two calls on the main thread: the same result is the answer; a throw or a varying result cannot be checked. */
async function expectedOf(
  fn: (arg: unknown) => unknown,
  arg: unknown,
  name: string,
  warnings: string[],
): Promise<ExpectedValue> {
  let first: unknown;
  let second: unknown;
  try {
    first = await fn(structuredClone(arg));
    second = await fn(structuredClone(arg));
  } catch (err) {
    warnings.push(
      `task module ${name}: its function threw on the main thread (${(err as Error).message}): answers not checked`,
    );
    return expectedValue(undefined, false);
  }
  let sendError: string | undefined;
  try {
    structuredClone(first);
  } catch (err) {
    sendError = `${(err as Error).name}: ${(err as Error).message}`;
    warnings.push(`task module ${name}: its result cannot be sent back from a worker (${sendError})`);
  }
  if (!isDeepStrictEqual(first, second)) {
    warnings.push(
      `task module ${name}: two calls gave different results (${showAnswer(first)} then ${showAnswer(second)}): answers not checked (checked: false)`,
    );
    return expectedValue(undefined, false, sendError);
  }
  return expectedValue(first, true, sendError);
}
