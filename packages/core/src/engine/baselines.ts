import { HubError, RunAborted } from '../errors.ts';
import type { MainMode, TaskKind, TaskParams } from '../format/types.ts';
import type { Answers } from './answers.ts';
import { DeferredChecks, showAnswer } from './answers.ts';
import type { HubResult } from './hub-run.ts';
import type { WorkPhaseProbe } from './loop-delay.ts';
import { sharedNow } from './shared-clock.ts';
import type { TaskTarget } from './task-target.ts';
import { TaskStamps } from './task-times.ts';
import { runTask, yieldToLoop } from './tasks.ts';

/** A main-thread baseline's run: a hub run's task fields without transport, timeout or worker env, as nothing starts a worker. */
export interface MainOptions {
  mode: MainMode;
  workers: number;
  task: TaskKind;
  params: TaskParams;
  count: number;
  answers: Answers;
  signal?: AbortSignal | undefined;
  /** What the real-IO and module tasks run against on the main thread (`prepareTarget`). */
  target?: TaskTarget | undefined;
  /** A module task's argument, passed as is: the main thread copies nothing. */
  arg?: unknown;
  /** Started and stopped around the work (the event-loop delay sampler). */
  probe?: WorkPhaseProbe | undefined;
}

/**
 * A baseline run on the main thread: `sequential` one task at a time, `async` up to `workers`
 * tasks in flight. No workers, so spawn and teardown are zero, and both clocks time it alike. A
 * synchronous task blocks the event loop, so each lane gives the loop a turn after every one, as a
 * server returns to its loop between two requests: the loop's delay is then what such a server
 * feels (one task per lane in flight, not a batch), and a signal stops the run after the task in
 * progress. A turn (setImmediate) costs microseconds: under 0.1% of a 10 ms cpu task.
 */
export async function runMain(o: MainOptions): Promise<HubResult> {
  const lanes = o.mode === 'sequential' ? 1 : o.workers;
  let next = 0;
  const checks = new DeferredChecks();
  const stamps = new TaskStamps(o.count, 'main-thread');
  o.probe?.start();
  const t0 = performance.now();
  stamps.submittedAt = performance.timeOrigin + t0;
  const lane = async () => {
    while (next < o.count) {
      // Checked between tasks: the main thread cannot be interrupted inside one.
      if (o.signal?.aborted) throw new RunAborted();
      const id = next++;
      stamps.started[id] = sharedNow();
      const r = runTask(o.task, o.params, id, o.target, o.arg);
      let value: unknown;
      if (r instanceof Promise) {
        value = await r;
        // Done is when the lane has the answer: for a promise, when its continuation runs.
        stamps.done[id] = stamps.received[id] = sharedNow();
      } else {
        value = r;
        stamps.done[id] = stamps.received[id] = sharedNow();
        await yieldToLoop();
      }
      const want = o.answers(id);
      if (!checks.check(id, value, want))
        throw new HubError(`task ${id} answered ${showAnswer(value)}, expected ${showAnswer(want)}`);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  const workMs = performance.now() - t0;
  o.probe?.stop();
  // A module's answers are compared after the clock stopped (see DeferredChecks).
  const wrong = checks.verify();
  if (wrong) throw new HubError(wrong);
  return { sample: { totalMs: workMs, spawnMs: 0, workMs, teardownMs: 0 }, stamps };
}
