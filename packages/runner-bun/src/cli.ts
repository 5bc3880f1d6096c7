#!/usr/bin/env bun
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultResultsDir, runCli } from '@tvp/core';
import { bunAdapter } from './adapter.ts';

const code = await runCli(process.argv.slice(2), bunAdapter, {
  bin: 'tvp-bun',
  defaultOut: defaultResultsDir(import.meta.url),
  repoDir: path.dirname(fileURLToPath(import.meta.url)),
});
process.exit(code);
