#!/usr/bin/env -S deno run -A
// The event-loop delay sampler's own cost on Deno's default transports and the main thread: work
// time with and without it, pairs back to back (`pnpm --filter @tvp/runner-deno bench:delay`,
// PAIRS=10 by default).
import { designCells, formatCostTable, samplerCost } from '@tvp/core';
import { childProcess as processes, webWorker as threads } from './transports.ts';

const pairs = Number(process.env.PAIRS ?? 10);
// The cells the designs benchmark measures too, named from the transports.
const rows = await samplerCost(designCells(threads, processes), pairs);
console.log(formatCostTable(rows, 'Deno'));
