#!/usr/bin/env -S deno run --no-prompt --allow-read --allow-write --allow-env --allow-run --allow-sys=cpus,loadavg,hostname,osRelease,systemMemoryInfo --allow-net
import { runnerMain } from '@tvp/core';
import { denoAdapter } from './adapter.ts';

await runnerMain(denoAdapter, 'tvp-deno', import.meta.url);
