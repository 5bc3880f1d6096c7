#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultResultsDir, runCli } from '@tvp/core';
import { nodeAdapter } from './adapter.ts';

const code = await runCli(process.argv.slice(2), nodeAdapter, {
  bin: 'tvp-node',
  defaultOut: defaultResultsDir(import.meta.url),
  repoDir: path.dirname(fileURLToPath(import.meta.url)),
});
process.exit(code);
