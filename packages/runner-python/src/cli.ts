#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultResultsDir, EXIT, runCli } from '@tvp/core';
import { PythonError } from './errors.ts';
import { cpythonRunner } from './runner.ts';

/** The CPython runner's command line: core's CLI, with a Python failure said in one message. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await runCli(argv, cpythonRunner, {
      bin: 'tvp-python',
      defaultOut: defaultResultsDir(import.meta.url),
      repoDir: path.dirname(fileURLToPath(import.meta.url)),
    });
  } catch (err) {
    if (!(err instanceof PythonError)) throw err;
    process.stderr.write(`error: ${err.message}\nnothing was written\n`);
    return EXIT.failed;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exit(await main(process.argv.slice(2)));
}
