import { KILL_WAIT_MS } from '../constants.ts';
import { HubError } from '../errors.ts';
import type { WorkerEnv } from '../format/types.ts';
import { live } from './live-workers.ts';
import type { WorkerMessage, WorkerSetup } from './protocol.ts';
import type { ExitInfo, Transport, WorkerHandle } from './transport.ts';

/** Where a pool is in a hub run. */
export type Phase = 'spawn' | 'work' | 'teardown' | 'done';

/** One worker of a pool and the task it holds. */
export interface Slot {
  handle: WorkerHandle;
  exited: boolean;
  /** The task it holds, or -1. */
  task: number;
  /**
   * How many tasks (or pings) it has been sent. The watchdog tells a new task from one still
   * running by this count, so nothing reads a clock per task for it (watchdog.ts).
   */
  sends: number;
  rssBytes: number;
}

const describeExit = (i: ExitInfo) =>
  i.signal ? `signal ${i.signal}` : i.code === null ? 'no exit code' : `exit code ${i.code}`;

/**
 * A pool of N workers for one hub run. Every fault (a task error, a worker that exits, a hung
 * task, an abort) rejects the phase in progress; `kill` then ends every worker.
 */
export class Pool {
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
  /** Workers that have said `ready`. */
  readyCount = 0;
  private exitCount = 0;
  private exitWaiters: Array<() => void> = [];
  onMessage: (slot: number, msg: WorkerMessage) => void = () => {};
  /** Told each worker's `ready` (the article clock sends it a task at once). */
  onReady: (slot: number) => void = () => {};

  constructor(
    private readonly transport: Transport,
    private readonly workerEnv: WorkerEnv,
    private readonly setup?: WorkerSetup,
    /** A process IPC channel's serialization, when a payload way chose it. */
    private readonly serialization?: 'json' | 'advanced',
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

  /** Start N workers and wait until all are ready (the phases clock's barrier). */
  spawn(n: number): Promise<void> {
    return this.phaseDone(() => this.startAll(n));
  }

  /** Start N workers without waiting: each tells `onReady` when it is. */
  startAll(n: number): void {
    for (let i = 0; i < n; i++) this.startOne(i, n);
  }

  private startOne(i: number, n: number): void {
    const slot: Slot = {
      handle: undefined as unknown as WorkerHandle,
      exited: false,
      task: -1,
      sends: 0,
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
              this.onReady(i);
              return;
            }
            if (msg.t === 'fail' && msg.id === -1) {
              this.fail(
                new HubError(`worker ${i + 1} of ${n} could not start: ${msg.error.name}: ${msg.error.message}`),
              );
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
        {
          workerEnv: this.workerEnv,
          ...(this.setup ? { setup: this.setup } : {}),
          ...(this.serialization ? { serialization: this.serialization } : {}),
        },
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
    // A runtime may report the exit inside kill() itself (Deno's worker_threads does): then all are gone.
    if (this.exitCount === this.slots.length) return;
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
