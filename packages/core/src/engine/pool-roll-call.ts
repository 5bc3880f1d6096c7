import { HubError } from '../errors.ts';
import type { WorkerMode } from '../format/types.ts';
import type { LibraryPoolHandle } from './library-pool.ts';

/** Holds of the roll call's `whoami` tasks, one per try, ms: longer each time a worker answered twice. */
const ROLL_CALL_HOLDS_MS = [0, 10, 100] as const;

/** Whether process `pid` still exists. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Before a warm batch on a library pool: check that the pool's workers are still the N it started
 * with. A library replaces a worker that died while idle (piscina, tinypool, workerpool do), and
 * the batch would then run on a worker set that is not the warm pool the cell claims to measure.
 * A process pool's pids must all be alive; then N `whoami` tasks, in flight together so that each
 * goes to its own worker, must be answered by exactly the ids seen at the start (thread ids, or
 * pids). An id that was not there is a replacement; an id missing while another answered twice is
 * a worker that no longer takes tasks (tried again with longer holds first, as a worker may be
 * briefly busy). Throws a `HubError` naming the workers; the caller kills the pool.
 */
export async function rollCall(handle: LibraryPoolHandle, ids: readonly number[], mode: WorkerMode): Promise<void> {
  const what = mode === 'processes' ? 'pid' : 'thread';
  if (mode === 'processes') {
    const gone = ids.filter((pid) => !pidAlive(pid));
    if (gone.length > 0) {
      throw new HubError(
        `worker pid ${gone.join(', ')} of the warm pool is gone: a worker died between batches, so the next batch would not run on the pool that was started`,
      );
    }
  }
  let missing: number[] = [];
  for (const ioMs of ROLL_CALL_HOLDS_MS) {
    const answers = await Promise.all(ids.map(() => handle.run({ kind: 'whoami', id: -1, ioMs, cpuIters: 0 })));
    const strangers = [...new Set(answers.filter((a) => !ids.includes(a)))];
    if (strangers.length > 0) {
      throw new HubError(
        `${what} ${strangers.join(', ')} answered, not one of the warm pool's workers (${ids.join(', ')}): the library replaced a worker that died between batches`,
      );
    }
    missing = ids.filter((id) => !answers.includes(id));
    if (missing.length === 0) return;
  }
  throw new HubError(
    `${what} ${missing.join(', ')} of the warm pool no longer takes tasks: a worker died between batches and was not replaced`,
  );
}
