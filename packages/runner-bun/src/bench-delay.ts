#!/usr/bin/env bun
// The event-loop delay sampler's own cost on Bun's default transports and the main thread: work
// time with and without it, pairs back to back (`pnpm --filter @tvp/runner-bun bench:delay`,
// PAIRS=10 by default).
import { formatCostTable, samplerCost } from '@tvp/core';
import { bunSpawn as processes, webWorker as threads } from './transports.ts';

const pairs = Number(process.env.PAIRS ?? 10);
const rows = await samplerCost(
  [
    { name: 'cpu threads/web-worker x2', task: 'cpu', workers: 2, transport: threads },
    { name: 'cpu processes/bun-spawn x2', task: 'cpu', workers: 2, transport: processes },
    { name: 'cpu sequential/main', task: 'cpu', workers: 1, mode: 'sequential' },
    { name: 'io async/main x8', task: 'io', workers: 8, mode: 'async' },
    { name: 'io threads/web-worker x8', task: 'io', workers: 8, transport: threads },
  ],
  pairs,
);
console.log(formatCostTable(rows, 'Bun'));
