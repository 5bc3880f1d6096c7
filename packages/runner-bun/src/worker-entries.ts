import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerEntry } from '@tvp/core';

/** The worker entries the Bun runner builds for itself: core's Web Worker entries and its process entry. */
export type BunWorkerEntry = 'web' | 'web-bare' | 'process';

/**
 * Core's bundled entry compiled by `bun build --bytecode` (`pnpm build` of this package), the
 * bytecode beside it. A worker of core's plain bundle spent 0.1-0.2 ms of its 1 ms start compiling
 * the code (1.2x a minimal Web Worker on the start benchmark); from bytecode it starts as fast as a
 * minimal one. Where the build is absent (the installable package, whose Bun may be another
 * version: bytecode is tied to the Bun that made it), core's plain bundle.
 */
export function bunWorkerEntry(kind: BunWorkerEntry): URL {
  const built = new URL(`../dist/workers/${kind}.js`, import.meta.url);
  return built.protocol === 'file:' && existsSync(fileURLToPath(built)) ? built : workerEntry(kind);
}
