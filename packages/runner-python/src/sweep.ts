#!/usr/bin/env node
// The `sweep` script of `pnpm bench`: without a Python interpreter the CPython series is skipped,
// and the bench goes on to the next runner.
import { main } from './cli.ts';
import { interpreter, interpreterMissing } from './interpreter.ts';

const python = interpreter();
if (interpreterMissing(python)) {
  process.stdout.write(`cpython: skipped, ${python} not found (set TVP_PYTHON to a Python 3.9+ interpreter)\n`);
  process.exit(0);
}
process.exit(await main(process.argv.slice(2)));
