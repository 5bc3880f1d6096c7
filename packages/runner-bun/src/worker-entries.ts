/** The worker entries the Bun runner ships: its own builds of core's Web Worker and process entries. */
export type BunWorkerEntry = 'web' | 'process';

/**
 * Core's bundled entry compiled by `bun build --bytecode` (`pnpm build` of this package), with
 * the bytecode beside it. A worker of core's plain bundle spent 0.1-0.2 ms of its 1 ms start
 * compiling the code (1.15-1.2x a minimal worker on the start benchmark); from bytecode it starts
 * as fast as the minimal one. A Bun of another version ignores the bytecode and compiles the source.
 */
export const bunWorkerEntry = (kind: BunWorkerEntry): URL => new URL(`../dist/workers/${kind}.js`, import.meta.url);
