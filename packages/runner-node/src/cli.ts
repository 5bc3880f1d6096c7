#!/usr/bin/env node
import { runnerMain } from '@tvp/core';
import { nodeAdapter } from './adapter.ts';

await runnerMain(nodeAdapter, 'tvp-node', import.meta.url);
