import { median } from '../analysis/stats.ts';
import { HubError } from '../errors.ts';
import type {
  ArgTransfer,
  Clock,
  Fault,
  Sample,
  TaskClockMethod,
  TaskKind,
  TaskParams,
  WorkerEnv,
  WorkerMemory,
} from '../format/types.ts';
import type { Answers } from './answers.ts';
import { DeferredChecks, showAnswer } from './answers.ts';
import { ArgFeed } from './arg-transfer.ts';
import type { WorkPhaseProbe } from './loop-delay.ts';
import { PayloadFeed, type PayloadPlan, type TaskFeed } from './payload-feed.ts';
import { serializationOf } from './payload-ways.ts';
import { Pool, type Slot } from './pool.ts';
import { poolMemory } from './proc-memory.ts';
import type { WorkerSetup } from './protocol.ts';
import { sharedNow } from './shared-clock.ts';
import { TaskStamps } from './task-times.ts';
import type { Transport } from './transport.ts';
import { watch } from './watchdog.ts';
import { WORKER_CLOCK, workerStampsToShared } from './worker-clock.ts';

/** What every measured run on workers is asked: raw transports and library pools alike. */
export interface RunOptions {
  workers: number;
  task: TaskKind;
  params: TaskParams;
  count: number;
  timeoutMs: number;
  /** The answer each task must give, computed before the run (`expectedAnswers`). */
  answers: Answers;
  workerEnv: WorkerEnv;
  fault?: Fault | undefined;
  signal?: AbortSignal | undefined;
  /** How the run is timed; `phases` when absent. */
  clock?: Clock | undefined;
  /** Started as the work phase starts and stopped as it ends (the event-loop delay sampler). */
  probe?: WorkPhaseProbe | undefined;
}

/** A hub run on workers: what every run needs, plus the transport that starts them and what each must prepare first. */
export interface HubOptions extends RunOptions {
  transport: Transport;
  /** What each worker prepares before it is ready (the module to import, the file, the server). */
  setup?: WorkerSetup | undefined;
  /** A module task's argument, sent with every task. */
  arg?: unknown;
  /** A payload task's way and size. */
  payload?: PayloadPlan | undefined;
  /** How a module's binary `arg` reaches the workers (`--arg-transfer`, threads); `clone` when absent. */
  argTransfer?: ArgTransfer | undefined;
}

/** One hub run as the sweep keeps it: the sample for the file, memory and stamps to pool per cell. */
export interface HubResult {
  sample: Sample;
  /** Read between the spawn and work phases, in neither; not under the article clock (no gap). */
  memory?: WorkerMemory;
  /** Per-task stamps, for the cell's `taskTimes`. */
  stamps?: TaskStamps;
}

const rssNow = () => process.memoryUsage().rss;

/**
 * One measured hub run on workers, timed by `o.clock`. `phases`: start N, wait until all are ready,
 * run `count` tasks with one task per worker at a time, ask all to exit and wait until each has.
 * `article`: the same without the barrier, each worker given a task as soon as it is ready. Throws
 * `HubError` (the workers are killed first) or `RunAborted`.
 */
export async function runHub(o: HubOptions): Promise<HubResult> {
  const { feed, pool } = hubPool(o);
  const disarm = watch(o.signal, pool, o.timeoutMs);
  try {
    return o.clock === 'article' ? await articleRun(o, pool, feed) : await phasesRun(o, pool, feed);
  } catch (err) {
    await pool.kill();
    throw err;
  } finally {
    disarm();
  }
}

/** The pool of a hub run and what feeds its tasks: the payloads are made before the pool, off the clock. */
export function hubPool(o: HubOptions): { feed: TaskFeed | undefined; pool: Pool } {
  const feed: TaskFeed | undefined = o.payload
    ? new PayloadFeed(o.payload, o.workers)
    : o.task === 'module' && o.argTransfer && o.argTransfer !== 'clone'
      ? new ArgFeed(o.arg, o.argTransfer, o.workers)
      : undefined;
  return { feed, pool: new Pool(o.transport, o.workerEnv, o.setup, o.payload && serializationOf(o.payload.way)) };
}

/**
 * What a task message carries beside its id and kind: a cpu task its `cpuIters`, an io task its
 * `ioMs`, a module task its `arg`; noop, fs, net and payload tasks nothing more (a payload's own
 * fields come from its feed). Made once per dispatcher.
 */
export function taskFields(o: Pick<HubOptions, 'task' | 'params' | 'arg'>): {
  ioMs?: number;
  cpuIters?: number;
  arg?: unknown;
} {
  switch (o.task) {
    case 'cpu':
      return { cpuIters: o.params.cpuIters };
    case 'io':
      return { ioMs: o.params.ioMs };
    case 'module':
      return { arg: o.arg };
    default:
      return {};
  }
}

/**
 * How a hub run's per-task times are taken: on the workers' clock (`WORKER_CLOCK`), but a payload
 * task's workers read no clock, so that nothing is added to the round trip it measures
 * (worker-loop.ts): only the hub's times are known there, response ones (`hub`).
 */
export const stampMethod = (o: Pick<HubOptions, 'task'>): TaskClockMethod =>
  o.task === 'payload' ? 'hub' : WORKER_CLOCK;

/** The work of a hub run: feeds workers one task at a time and checks each answer as it comes. */
export function dispatcher(o: HubOptions, pool: Pool, stamps: TaskStamps, feed?: TaskFeed) {
  const faultAt = o.fault ? Math.floor(o.count / 2) : -1;
  let next = 0;
  let done = 0;
  const { task, count } = o;
  // Only what this kind of task reads travels with each task: the content is a share of the cost of
  // a short task's round trip (see `taskFields`).
  const fields = taskFields(o);
  const toShared = workerStampsToShared();
  const checks = new DeferredChecks();
  // A payload task's message is made whole, not spread together (payload tasks have no `fields`):
  // on Bun the spreads cost ~1 µs of a 22 µs round trip on a thread at 1 KiB.
  const payloads = feed instanceof PayloadFeed ? feed : undefined;
  const send = (i: number) => {
    const slot = pool.slots[i] as Slot;
    const id = next++;
    slot.task = id;
    slot.sends++;
    if (payloads !== undefined && id !== faultAt) {
      const p = payloads.next(i, id);
      slot.handle.send({ t: 'task', id, kind: task, way: p.fields.way, payload: p.fields.payload }, p.transfer);
      return;
    }
    const payload = feed?.next(i, id);
    slot.handle.send(
      {
        t: 'task',
        id,
        kind: task,
        ...fields,
        ...payload?.fields,
        ...(id === faultAt && o.fault ? { fault: o.fault } : {}),
      },
      payload?.transfer,
    );
  };
  const d = {
    checks,
    /** Give worker `i` the next task, if one is left. */
    feed: (i: number) => {
      if (next < count) send(i);
    },
    allDone: () => done === count,
    /** Called when the last answer came. */
    onAllDone: () => {},
  };
  pool.onMessage = (i, msg) => {
    const slot = pool.slots[i] as Slot;
    if (msg.t === 'fail') {
      pool.fail(new HubError(`task ${msg.id} failed in worker ${i + 1}: ${msg.error.name}: ${msg.error.message}`));
      return;
    }
    if (msg.t !== 'done') return;
    if (msg.id >= 0 && msg.id < count) {
      // Stores only: the times are worked out after the run.
      stamps.received[msg.id] = sharedNow();
      stamps.started[msg.id] = toShared(msg.startedAt ?? Number.NaN);
      stamps.done[msg.id] = toShared(msg.doneAt ?? Number.NaN);
    }
    const want = o.answers(msg.id);
    if (typeof want !== 'number' && want.sendError !== undefined) {
      pool.fail(new HubError(`task ${msg.id}: its answer cannot be sent back from a worker: ${want.sendError}`));
      return;
    }
    if (msg.id !== slot.task || !checks.check(msg.id, msg.value, want)) {
      pool.fail(
        new HubError(
          `task ${msg.id} answered ${showAnswer(msg.value)}, expected ${showAnswer(want)}: the work was not done as asked`,
        ),
      );
      return;
    }
    const bad = feed?.received(i, msg.id, msg.payload);
    if (bad) {
      pool.fail(
        new HubError(`task ${msg.id} (${o.payload ? `payload ${o.payload.way}` : `arg ${o.argTransfer}`}): ${bad}`),
      );
      return;
    }
    slot.task = -1;
    if (++done === count) d.onAllDone();
    else d.feed(i);
  };
  return d;
}

/** The phases clock: spawn (all ready), work, teardown, one after the other. */
async function phasesRun(o: HubOptions, pool: Pool, feed?: TaskFeed): Promise<HubResult> {
  const stamps = new TaskStamps(o.count, stampMethod(o));
  const rssBefore = rssNow();
  const t0 = performance.now();
  await pool.spawn(o.workers);
  const t1 = performance.now();
  // Reading memory is the harness's own work: it sits between the phases, counted in neither.
  const memory = poolMemory(
    o.transport.mode,
    pool.slots.map((s) => ({ pid: s.handle.pid, reportedRss: s.rssBytes })),
    rssBefore,
    rssNow(),
    median,
  );
  o.probe?.start();
  const workStart = performance.now();
  stamps.submittedAt = performance.timeOrigin + workStart;
  pool.phase = 'work';
  const d = dispatcher(o, pool, stamps, feed);
  d.onAllDone = () => pool.resolvePhase();
  await pool.phaseDone(() => {
    for (let i = 0; i < pool.slots.length; i++) d.feed(i);
  });
  const t2 = performance.now();
  o.probe?.stop();
  // A module's answers are compared here, after the work phase's clock stopped.
  const wrong = d.checks.verify();
  if (wrong) throw new HubError(`${wrong}: the work was not done as asked`);

  await pool.shutdown();
  const t3 = performance.now();
  pool.phase = 'done';
  return {
    sample: { totalMs: t1 - t0 + (t3 - workStart), spawnMs: t1 - t0, workMs: t2 - workStart, teardownMs: t3 - t2 },
    memory,
    stamps,
  };
}

/**
 * The article's clock: as `concurrent.futures` does, the tasks are submitted as the pool is made
 * and each worker takes one as soon as it is ready. The work phase ends at the last answer once
 * every worker is ready (with fewer tasks than workers the pool still starts all N, as a
 * ProcessPoolExecutor on fork does; a ThreadPoolExecutor starts one per submit, up to N); then all
 * are asked to exit.
 */
async function articleRun(o: HubOptions, pool: Pool, feed?: TaskFeed): Promise<HubResult> {
  const stamps = new TaskStamps(o.count, stampMethod(o));
  const n = o.workers;
  // The work overlaps the start here: the sampler runs from the submission to the last answer.
  o.probe?.start();
  const t0 = performance.now();
  stamps.submittedAt = performance.timeOrigin + t0;
  pool.phase = 'work';
  let firstReady = Number.NaN;
  let lastReady = Number.NaN;
  let t2 = Number.NaN;
  const d = dispatcher(o, pool, stamps, feed);
  d.onAllDone = () => {
    t2 = performance.now();
    o.probe?.stop();
    if (pool.readyCount === n) pool.resolvePhase();
  };
  pool.onReady = (i) => {
    const now = performance.now();
    if (pool.readyCount === 1) firstReady = now;
    d.feed(i);
    if (pool.readyCount === n) {
      lastReady = now;
      if (d.allDone()) pool.resolvePhase();
    }
  };
  await pool.phaseDone(() => pool.startAll(n));
  await pool.shutdown();
  const t3 = performance.now();
  pool.phase = 'done';
  // Off the clock: the run is over, its workers gone.
  const wrong = d.checks.verify();
  if (wrong) throw new HubError(`${wrong}: the work was not done as asked`);
  return {
    sample: {
      totalMs: t3 - t0,
      spawnMs: firstReady - t0,
      workMs: t2 - firstReady,
      teardownMs: t3 - t2,
      readyAtMs: lastReady - t0,
    },
    stamps,
  };
}
