#!/usr/bin/env node
// The `tvp` bin. The same file runs under Node (npx tvp), Bun (bunx --bun tvp, bun) and Deno
// (deno run -A): the sweep uses the adapter of whichever runtime started it.
import { main } from './main.ts';

const code = await main(process.argv.slice(2));
// -1: the report server is serving; it exits on SIGINT/SIGTERM.
if (code >= 0) process.exit(code);
