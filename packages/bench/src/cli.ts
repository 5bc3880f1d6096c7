#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBench } from './bench.ts';

process.exitCode = await runBench(process.argv.slice(2), {
  from: path.dirname(fileURLToPath(import.meta.url)),
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
