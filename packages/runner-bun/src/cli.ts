#!/usr/bin/env bun
import { runnerMain } from '@tvp/core';
import { bunAdapter } from './adapter.ts';

await runnerMain(bunAdapter, 'tvp-bun', import.meta.url);
