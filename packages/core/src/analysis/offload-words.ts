import type { TaskKind } from '../format/types.ts';
import type { OffloadCost } from './offload.ts';

// What offloading would take, in words: the same sentence in the terminal summary, the page and
// the API's recommendation.

/** What one call of a task kind is called in a sentence. */
const UNIT: Record<TaskKind, string> = {
  io: 'task',
  cpu: 'task',
  noop: 'task',
  fs: 'read',
  net: 'request',
  module: 'call',
  payload: 'task',
};

/** Milliseconds to about three significant digits: 0.047, 2.66, 25.1, 310. */
export function msText(x: number): string {
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

const countText = (x: number) => (x >= 10 ? Math.ceil(x).toFixed(0) : Math.max(1, Math.ceil(x * 10) / 10).toString());

/** "a call does 2.66 ms of work", "a read takes 1.2 ms one at a time, 0.31 ms overlapped on the event loop". */
function workPhrase(o: OffloadCost, unit: string): string {
  if (o.bound === 'cpu') return `a ${unit} does ${msText(o.mainMsPerCall)} ms of work`;
  const one = `a ${unit} takes ${msText(o.mainMsPerCall)} ms one at a time`;
  // The event loop overlapped the waits when the winner beat one-at-a-time by more than rounding.
  return o.wonMsPerCall < o.mainMsPerCall * 0.95
    ? `${one}, ${msText(o.wonMsPerCall)} ms overlapped on the event loop`
    : one;
}

/** "a thread adds 0.47 ms per call to move its argument and answer (dispatch alone 0.041 ms by noop) and 25 ms to start and stop". */
function costPhrase(o: OffloadCost, task: TaskKind, unit: string): string {
  const who = o.mode === 'threads' ? 'a thread' : 'a process';
  const what = task === 'module' ? ' to move its argument and answer' : '';
  const parts: string[] = [];
  if (o.dispatchMsPerCall !== undefined) parts.push(`dispatch alone ${msText(o.dispatchMsPerCall)} ms by noop`);
  if (o.roundTripMs !== undefined) parts.push(`a bare round trip ${msText(o.roundTripMs)} ms`);
  const detail = parts.length === 0 ? '' : ` (${parts.join(', ')})`;
  const perCall =
    o.overheadMsPerCall > 0
      ? `adds ${msText(o.overheadMsPerCall)} ms per ${unit}${what}${detail}`
      : `adds no measurable time per ${unit}${detail}`;
  return `${who} ${perCall} and ${msText(o.startMsPerWorker)} ms to start and stop`;
}

/** What it would take, by the model of `OffloadCost`, and where the run itself disagreed with it. */
function payPhrase(o: OffloadCost, unit: string): string {
  if (o.cores <= 1 || o.workMsPerCallToPay === undefined)
    return 'on 1 core, moving work to a worker never pays: the worker shares that core with the main thread';
  const cores = `${o.cores} cores`;
  const perWorker = o.calls / o.cores;
  const byWork = `from about ${msText(o.workMsPerCallToPay)} ms of work per ${unit} at this run's ${countText(perWorker)} ${unit}s per worker`;
  if (o.bound === 'io')
    return `the event loop already overlaps the waits: on ${cores}, offloading pays only for CPU work beside each ${unit}, ${byWork}`;
  if (o.callsPerWorkerToPay === undefined)
    return `on ${cores}, at this work no number of ${unit}s pays; offloading pays ${byWork}`;
  const fromCalls = `from about ${countText(o.callsPerWorkerToPay)} ${unit}s per worker`;
  const a = o.atCores;
  // The model says this run should have paid, and it did not: say so, and what the workers did.
  if (a !== undefined && o.callsPerWorkerToPay <= perWorker && a.measuredMsPerCall > a.modelMsPerCall)
    return `with ${a.workers} workers in parallel on ${cores}, offloading would pay ${fromCalls}, but in this run they took ${msText(a.measuredMsPerCall)} ms per ${unit} in all against the model's ${msText(a.modelMsPerCall)}: they did not run in parallel as the model has them`;
  return `on ${cores}, offloading pays ${fromCalls}, or ${byWork}`;
}

/**
 * Why the main thread won and what offloading would take, in one clause: "the main thread wins:
 * a call does 2.66 ms of work; a thread adds 0.47 ms per call to move its argument and answer and
 * 25 ms to start and stop; on 2 cores, offloading pays from about 23 calls per worker, or from
 * about 3.0 ms of work per call at this run's 20 calls per worker".
 */
export function offloadText(o: OffloadCost, task: TaskKind): string {
  const unit = UNIT[task];
  return `the main thread wins: ${workPhrase(o, unit)}; ${costPhrase(o, task, unit)}; ${payPhrase(o, unit)}`;
}
