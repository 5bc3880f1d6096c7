/**
 * The worker entries core ships, each bundled into one file: start-up loads one file, not a module
 * graph. `web-bare`: the Web Worker entry for a worker with no setup (it reads none).
 */
export type WorkerEntry = 'thread' | 'process' | 'web' | 'web-bare' | 'pool' | 'stdio';

const FILES: Record<WorkerEntry, string> = {
  thread: 'thread.cjs',
  process: 'process.cjs',
  web: 'web.js',
  'web-bare': 'web-bare.js',
  pool: 'pool.cjs',
  stdio: 'stdio.cjs',
};

/**
 * The URL of a built worker entry (`pnpm build` makes them with rolldown, see rolldown.config.ts).
 * Resolved from the package folder, so it is the same whether core runs from dist/ or src/.
 */
export const workerEntry = (kind: WorkerEntry): URL => new URL(`../../dist/workers/${FILES[kind]}`, import.meta.url);
