import { KILL_WAIT_MS, TEARDOWN_LIMIT_MS } from './constants.ts';
import { HubError, RunAborted } from './errors.ts';
import { poolMemory } from './proc-memory.ts';
import type { WorkerMessage } from './protocol.ts';
import { median } from './stats.ts';
import { type Answers, runTask, YIELD_EVERY_MS, yieldToLoop } from './tasks.ts';
import type { ExitInfo, Transport, WorkerHandle } from './transport.ts';
import type { Fault, MainMode, Sample, TaskKind, TaskParams, WorkerEnv, WorkerMemory } from './types.ts';

/** Every worker alive in this process, so that a signal handler can kill them all. */
const live = new Set<WorkerHandle>();

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

export interface HubOptions {
  transport: Transport;
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
}

export interface HubResult {
  sample: Sample;
  /** Read between the spawn and work phases, in neither. */
  memory?: WorkerMemory;
}

type Phase = 'spawn' | 'work' | 'teardown' | 'done';

interface Slot {
  handle: WorkerHandle;
  exited: boolean;
  /** The task it holds, or -1. */
  task: number;
  sentAt: number;
  rssBytes: number;
}

const describeExit = (i: ExitInfo) =>
  i.signal ? `signal ${i.signal}` : i.code === null ? 'no exit code' : `exit code ${i.code}`;

/**
 * A pool of N workers for one hub run. Every fault (a task error, a worker that exits, a hung
 * task, an abort) rejects the phase in progress; `kill` then ends every worker.
 */
class Pool {
  readonly slots: Slot[] = [];
  private current: Phase = 'spawn';
  /** When the current phase began (performance.now()). */
  phaseStartedAt = performance.now();

  get phase(): Phase {
    return this.current;
  }
  set phase(p: Phase) {
    this.current = p;
    this.phaseStartedAt = performance.now();
  }
  private settle: { resolve(): void; reject(err: Error): void } | undefined;
  private failure: Error | undefined;
  private readyCount = 0;
  private exitCount = 0;
  private exitWaiters: Array<() => void> = [];
  onMessage: (slot: number, msg: WorkerMessage) => void = () => {};

  constructor(
    private readonly transport: Transport,
    private readonly workerEnv: WorkerEnv,
  ) {}

  /** Wait for the current phase to end; `start` runs once the waiter is in place. */
  phaseDone(start: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.settle = { resolve, reject };
      start();
    });
  }

  resolvePhase(): void {
    const s = this.settle;
    this.settle = undefined;
    s?.resolve();
  }

  fail(err: Error): void {
    if (this.failure || this.phase === 'done') return;
    this.failure = err;
    const s = this.settle;
    this.settle = undefined;
    s?.reject(err);
  }

  spawn(n: number): Promise<void> {
    return this.phaseDone(() => {
      for (let i = 0; i < n; i++) this.startOne(i, n);
    });
  }

  private startOne(i: number, n: number): void {
    const slot: Slot = {
      handle: undefined as unknown as WorkerHandle,
      exited: false,
      task: -1,
      sentAt: 0,
      rssBytes: 0,
    };
    this.slots.push(slot);
    try {
      slot.handle = this.transport.start(
        {
          message: (msg) => {
            if (msg.t === 'ready') {
              slot.rssBytes = msg.rssBytes;
              if (++this.readyCount === n && this.phase === 'spawn') this.resolvePhase();
              return;
            }
            this.onMessage(i, msg);
          },
          exit: (info) => {
            if (slot.exited) return;
            slot.exited = true;
            live.delete(slot.handle);
            const allGone = ++this.exitCount === this.slots.length;
            if (this.phase === 'spawn' || this.phase === 'work') {
              this.fail(new HubError(`worker ${i + 1} of ${n} stopped during ${this.phase} (${describeExit(info)})`));
            } else if (allGone && this.phase === 'teardown') {
              this.resolvePhase();
            }
            if (allGone) for (const w of this.exitWaiters.splice(0)) w();
          },
          error: (err) => this.fail(new HubError(`worker ${i + 1} of ${n} failed: ${err.message}`)),
        },
        { workerEnv: this.workerEnv },
      );
      live.add(slot.handle);
    } catch (err) {
      slot.exited = true;
      this.exitCount++;
      this.fail(new HubError(`could not start worker ${i + 1} of ${n}: ${(err as Error).message}`));
    }
  }

  /** Ask every worker to leave and wait until each has exited. */
  shutdown(): Promise<void> {
    this.phase = 'teardown';
    return this.phaseDone(() => {
      if (this.exitCount === this.slots.length) return this.resolvePhase();
      for (const s of this.slots) if (!s.exited) s.handle.send({ t: 'exit' });
    });
  }

  /** Kill whatever is still running and wait (bounded) until it has gone. */
  async kill(): Promise<void> {
    this.phase = 'done';
    this.settle = undefined;
    if (this.exitCount === this.slots.length) return;
    for (const s of this.slots) {
      if (s.exited) continue;
      try {
        s.handle.kill();
      } catch {
        // The worker died between the check and the kill.
      }
    }
    // A worker leaves the live set only when its exit is seen, so one that outlives the wait stays
    // counted (and a signal handler's killAllWorkers still reaches it).
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, KILL_WAIT_MS);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Arm a watchdog; returns its disarm function. */
function watch(signal: AbortSignal | undefined, pool: Pool, timeoutMs: number): () => void {
  const onAbort = () => pool.fail(new RunAborted());
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  // One timer per pool, not one per task: a task is hung when it has run past `timeoutMs`.
  const tick = Math.max(10, Math.min(1000, timeoutMs / 4));
  const interval = setInterval(() => {
    const now = performance.now();
    const inPhase = now - pool.phaseStartedAt;
    if (pool.phase === 'spawn' && inPhase > timeoutMs) {
      pool.fail(new HubError(`workers not ready after ${timeoutMs} ms (--timeout-ms)`));
    }
    if (pool.phase === 'teardown' && inPhase > TEARDOWN_LIMIT_MS) {
      pool.fail(new HubError(`workers still running ${TEARDOWN_LIMIT_MS} ms after being asked to exit`));
    }
    if (pool.phase !== 'work') return;
    for (const [i, s] of pool.slots.entries()) {
      if (s.task >= 0 && now - s.sentAt > timeoutMs) {
        pool.fail(new HubError(`task ${s.task} in worker ${i + 1} ran past ${timeoutMs} ms (--timeout-ms)`));
        return;
      }
    }
  }, tick);
  return () => {
    clearInterval(interval);
    signal?.removeEventListener('abort', onAbort);
  };
}

const rssNow = () => process.memoryUsage().rss;

/**
 * One measured hub run on workers: start N, wait until all are ready, run `count` tasks with one
 * task per worker at a time, ask all to exit and wait until each has. Throws `HubError` (the
 * workers are killed first) or `RunAborted`.
 */
export async function runHub(o: HubOptions): Promise<HubResult> {
  const pool = new Pool(o.transport, o.workerEnv);
  const disarm = watch(o.signal, pool, o.timeoutMs);
  const faultAt = o.fault ? Math.floor(o.count / 2) : -1;
  try {
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
    const workStart = performance.now();

    pool.phase = 'work';
    let next = 0;
    let done = 0;
    const { task, params, count } = o;
    const send = (i: number) => {
      const slot = pool.slots[i] as Slot;
      const id = next++;
      slot.task = id;
      slot.sentAt = performance.now();
      slot.handle.send({
        t: 'task',
        id,
        kind: task,
        ioMs: params.ioMs,
        cpuIters: params.cpuIters,
        ...(id === faultAt && o.fault ? { fault: o.fault } : {}),
      });
    };
    pool.onMessage = (i, msg) => {
      const slot = pool.slots[i] as Slot;
      if (msg.t === 'fail') {
        pool.fail(new HubError(`task ${msg.id} failed in worker ${i + 1}: ${msg.error.name}: ${msg.error.message}`));
        return;
      }
      if (msg.t !== 'done') return;
      const want = o.answers(msg.id);
      if (msg.id !== slot.task || msg.value !== want) {
        pool.fail(
          new HubError(`task ${msg.id} answered ${msg.value}, expected ${want}: the work was not done as asked`),
        );
        return;
      }
      slot.task = -1;
      if (++done === count) pool.resolvePhase();
      else if (next < count) send(i);
    };
    await pool.phaseDone(() => {
      for (let i = 0; i < pool.slots.length && next < count; i++) send(i);
    });
    const t2 = performance.now();

    await pool.shutdown();
    const t3 = performance.now();
    pool.phase = 'done';

    return {
      sample: { totalMs: t1 - t0 + (t3 - workStart), spawnMs: t1 - t0, workMs: t2 - workStart, teardownMs: t3 - t2 },
      memory,
    };
  } catch (err) {
    await pool.kill();
    throw err;
  } finally {
    disarm();
  }
}

export interface MainOptions {
  mode: MainMode;
  workers: number;
  task: TaskKind;
  params: TaskParams;
  count: number;
  answers: Answers;
  signal?: AbortSignal | undefined;
}

/**
 * A baseline run on the main thread: `sequential` one task at a time, `async` up to `workers`
 * tasks in flight. No workers, so spawn and teardown are zero. Synchronous tasks block the event
 * loop, so the lanes give it one turn whenever `YIELD_EVERY_MS` has passed: a signal then stops
 * the run after the task in progress (one turn costs microseconds against 50 ms of work).
 */
export async function runMain(o: MainOptions): Promise<HubResult> {
  const lanes = o.mode === 'sequential' ? 1 : o.workers;
  let next = 0;
  const t0 = performance.now();
  let lastTurn = t0;
  const lane = async () => {
    while (next < o.count) {
      // Checked between tasks: the main thread cannot be interrupted inside one.
      if (o.signal?.aborted) throw new RunAborted();
      const id = next++;
      const r = runTask(o.task, o.params, id);
      let value: number;
      if (typeof r === 'number') {
        value = r;
        if (performance.now() - lastTurn > YIELD_EVERY_MS) {
          await yieldToLoop();
          lastTurn = performance.now();
        }
      } else {
        value = await r;
        lastTurn = performance.now();
      }
      const want = o.answers(id);
      if (value !== want) throw new HubError(`task ${id} answered ${value}, expected ${want}`);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  const workMs = performance.now() - t0;
  return { sample: { totalMs: workMs, spawnMs: 0, workMs, teardownMs: 0 } };
}

/**
 * The bare message round trip on a transport, measured like a `noop` hub run at 1 worker so that
 * the two compare like for like: a fresh worker, `count` pings one after the other, answered at
 * once by the worker loop, no task, no check. Returns the mean round trip of the run, µs.
 */
export async function measureRoundTrip(
  transport: Transport,
  count: number,
  workerEnv: WorkerEnv,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<number> {
  const pool = new Pool(transport, workerEnv);
  const disarm = watch(signal, pool, timeoutMs);
  try {
    await pool.spawn(1);
    pool.phase = 'work';
    const slot = pool.slots[0] as Slot;
    // Each ping is held like a task, so the watchdog fails the run when a reply is lost.
    const ping = (id: number) => {
      slot.task = id;
      slot.sentAt = performance.now();
      slot.handle.send({ t: 'ping', id });
    };
    let i = 0;
    pool.onMessage = (_slot, msg) => {
      if (msg.t !== 'pong') return;
      slot.task = -1;
      if (++i === count) return pool.resolvePhase();
      ping(i);
    };
    const t0 = performance.now();
    await pool.phaseDone(() => ping(0));
    const us = ((performance.now() - t0) * 1000) / count;
    await pool.shutdown();
    pool.phase = 'done';
    return us;
  } catch (err) {
    await pool.kill();
    throw err;
  } finally {
    disarm();
  }
}
