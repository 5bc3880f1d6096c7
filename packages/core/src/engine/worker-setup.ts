import type { WorkerSetup } from './protocol.ts';

/**
 * How the hub hands a setup to a worker at its start, so that the worker prepares it (imports the
 * task module) before it says ready, with no round trip first: process workers and Bun's Web
 * Workers get one argument after the entry (`argv`), Deno's Web Workers the worker's `name`,
 * node:worker_threads workers `workerData`. No node: imports: the Web Worker entry uses it too.
 */
export const SETUP_ARG_PREFIX = '--tvp-setup=';

/** The setup in a worker's argv, or none. */
export function setupFromArgv(argv: readonly string[]): WorkerSetup {
  // A plain loop: on Bun the first Array.prototype.find of a worker costs 30-40 us, a few % of a
  // Web Worker's whole start.
  for (const arg of argv) {
    if (arg.startsWith(SETUP_ARG_PREFIX)) return JSON.parse(arg.slice(SETUP_ARG_PREFIX.length)) as WorkerSetup;
  }
  return {};
}

/** The argv a worker gets for `setup` (none when there is nothing to prepare). */
export const setupArgv = (setup: WorkerSetup | undefined): string[] =>
  setup === undefined || Object.keys(setup).length === 0 ? [] : [`${SETUP_ARG_PREFIX}${JSON.stringify(setup)}`];

/** The setup as a Web Worker's `name`: Deno gives a Web Worker no argv to carry it. */
export const setupName = (setup: WorkerSetup | undefined): string => JSON.stringify(setup ?? {});
/** The setup back from a Web Worker's `name`, in the worker; none when the name is empty. */
export const setupFromName = (name: string | undefined): WorkerSetup => (name ? (JSON.parse(name) as WorkerSetup) : {});
