#!/usr/bin/env node
import { defaultResultsDir } from '@tvp/core';
import { reportMain } from './main.ts';

const code = await reportMain(process.argv.slice(2), { defaultResultsDir: defaultResultsDir(import.meta.url) });
if (code >= 0) process.exit(code);
