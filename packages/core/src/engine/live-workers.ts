import type { WorkerHandle } from './transport.ts';

/** Every worker alive in this process, so that a signal handler can kill them all. */
export const live = new Set<WorkerHandle>();

/** Kill every worker this process has started and not yet seen exit. */
export function killAllWorkers(): number {
  const n = live.size;
  for (const h of live) {
    try {
      h.kill();
    } catch {
      // Already gone: nothing to do.
    }
  }
  return n;
}

/** Process ids of the live process workers (for tests and diagnostics). */
export function liveWorkerPids(): number[] {
  return [...live].flatMap((h) => (h.pid === undefined ? [] : [h.pid]));
}

/**
 * How many workers of any kind, threads included, were started and have not been seen to exit:
 * a worker leaves this count only when its runtime reports that it has gone.
 */
export const liveWorkerCount = (): number => live.size;
