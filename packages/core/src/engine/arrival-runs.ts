import { HubError, RunAborted } from '../errors.ts';
import { DeferredChecks, showAnswer } from './answers.ts';
import { ArrivalDriver, type ArrivalProbe } from './arrival-driver.ts';
import type { ArrivalRun } from './arrival-point.ts';
import type { MainOptions } from './baselines.ts';
import { dispatcher, type HubOptions, hubPool, stampMethod } from './hub-run.ts';
import type { PoolTask } from './library-pool.ts';
import { live } from './live-workers.ts';
import { PoolGuard } from './pool-guard.ts';
import { awaitWorkers, killPool, type PoolHubOptions } from './pool-hub-run.ts';
import { TaskStamps } from './task-times.ts';
import { runTask, yieldToLoop } from './tasks.ts';
import { watch } from './watchdog.ts';

/** What every arrival run adds to its kind of run: the schedule, its warm-up and the sampler. */
export interface ArrivalOptions {
  /** Offsets of every arrival, ms (`arrivalSchedule`): warm-up first, then the measured tasks. */
  schedule: Float64Array;
  /** Arrivals at the start that are not measured. */
  warmup: number;
  /** Started when the first task arrives and stopped at the last answer. */
  probe?: ArrivalProbe | undefined;
}

const runOf = (d: ArrivalDriver, from: number): ArrivalRun => ({
  arrived: d.arrived,
  dispatched: d.dispatched,
  received: d.received,
  from,
  maxQueued: d.maxQueued,
});

/**
 * One arrival run on a transport's workers: start N and wait until all are ready (spawn is not
 * part of any response), then let tasks arrive on the schedule, each handed to a free worker or
 * queued in the hub, checked as `runHub` checks them; then shut the pool down. Throws `HubError`
 * (the workers are killed first) or `RunAborted`.
 */
export async function runArrivalHub(o: HubOptions & ArrivalOptions): Promise<ArrivalRun> {
  const total = o.schedule.length;
  const { feed, pool } = hubPool(o);
  const disarm = watch(o.signal, pool, o.timeoutMs);
  let driver: ArrivalDriver | undefined;
  try {
    await pool.spawn(o.workers);
    pool.phase = 'work';
    const stamps = new TaskStamps(total, stampMethod(o));
    // The hub's own dispatcher sends and checks; only when a free worker gets a task changes.
    const d = dispatcher({ ...o, count: total, fault: undefined }, pool, stamps, feed);
    const send = d.feed;
    const drive = new ArrivalDriver(o.schedule, o.workers, (_id, lane) => send(lane), o.warmup);
    driver = drive;
    d.feed = (i) => drive.freed(i);
    d.onAllDone = () => pool.resolvePhase();
    o.probe?.start();
    await pool.phaseDone(() => drive.begin());
    o.probe?.stop();
    drive.stop();
    const wrong = d.checks.verify();
    if (wrong) throw new HubError(`${wrong}: the work was not done as asked`);
    await pool.shutdown();
    pool.phase = 'done';
    // Tasks were sent in arrival order, so the dispatcher's ids are the schedule's.
    for (let i = 0; i < total; i++) drive.received[i] = (stamps.received[i] as number) - performance.timeOrigin;
    return runOf(drive, o.warmup);
  } catch (err) {
    o.probe?.stop();
    driver?.stop();
    await pool.kill();
    throw err;
  } finally {
    disarm();
  }
}

/**
 * One arrival run on a library pool: make it, wait until its N workers have answered, then submit
 * each task through the library's API as it arrives while fewer than N are in flight (the hub's
 * queue holds the rest, so queue wait is the hub's); then destroy it. Errors as `runPoolHub`.
 */
export async function runArrivalPool(o: PoolHubOptions & ArrivalOptions): Promise<ArrivalRun> {
  const guard = new PoolGuard(o.timeoutMs, o.signal);
  let handle: ReturnType<PoolHubOptions['pool']['start']> | undefined;
  let pids: number[] = [];
  let driver: ArrivalDriver | undefined;
  const liveEntry = { send() {}, kill: () => void (handle ? killPool(handle, pids) : undefined) };
  live.add(liveEntry);
  try {
    const started = o.pool.start(o.workers, { workerEnv: o.workerEnv });
    handle = started;
    const ids = await guard.run('spawn', awaitWorkers(started, o.workers));
    if (o.pool.mode === 'processes') pids = ids;
    const drive = new ArrivalDriver(
      o.schedule,
      o.workers,
      (id, lane) => {
        const task: PoolTask = { kind: o.task, id, ioMs: o.params.ioMs, cpuIters: o.params.cpuIters };
        guard.inFlight.set(id, performance.now());
        started.run(task).then(
          (value) => {
            guard.inFlight.delete(id);
            const want = o.answers(id);
            if (value !== want) {
              guard.fail(
                new HubError(`task ${id} answered ${value}, expected ${want}: the work was not done as asked`),
              );
              return;
            }
            drive.answered(id, lane);
          },
          (err: Error) =>
            guard.fail(new HubError(`task ${id} failed: ${err?.name ?? 'Error'}: ${err?.message ?? err}`)),
        );
      },
      o.warmup,
    );
    driver = drive;
    o.probe?.start();
    drive.begin();
    await guard.run('work', drive.done);
    o.probe?.stop();
    await guard.run('teardown', started.destroy());
    guard.phase = 'done';
    return runOf(drive, o.warmup);
  } catch (err) {
    o.probe?.stop();
    driver?.stop();
    guard.phase = 'done';
    if (handle) await killPool(handle, pids);
    throw err instanceof Error && !(err instanceof HubError) && err.name !== 'RunAborted'
      ? new HubError(`${o.pool.impl}: ${err.message}`)
      : err;
  } finally {
    guard.disarm();
    live.delete(liveEntry);
  }
}

/**
 * One arrival run on the main thread: `async` starts an arriving task at once while fewer than
 * `workers` are in flight, `sequential` runs one at a time; the rest wait in the hub's queue. A
 * synchronous task holds the loop for its whole run, so arrivals meanwhile are late to be seen,
 * never late to count: each response runs from the task's due time. After a synchronous task the
 * lane gives the loop a turn before it takes the next, as a server does between two requests.
 */
export async function runArrivalMain(o: MainOptions & ArrivalOptions): Promise<ArrivalRun> {
  const lanes = o.mode === 'sequential' ? 1 : o.workers;
  const checks = new DeferredChecks();
  let failure: Error | undefined;
  let fail: (err: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = (err) => {
      failure ??= err;
      reject(err);
    };
  });
  failed.catch(() => {});
  const finish = (drive: ArrivalDriver, id: number, lane: number, value: unknown) => {
    const want = o.answers(id);
    if (!checks.check(id, value, want)) {
      fail(new HubError(`task ${id} answered ${showAnswer(value)}, expected ${showAnswer(want)}`));
      return;
    }
    drive.answered(id, lane);
  };
  const drive: ArrivalDriver = new ArrivalDriver(
    o.schedule,
    lanes,
    (id, lane) => {
      if (failure) return;
      if (o.signal?.aborted) return fail(new RunAborted());
      let r: unknown;
      try {
        r = runTask(o.task, o.params, id, o.target, o.arg);
      } catch (err) {
        return fail(err as Error);
      }
      if (r instanceof Promise) {
        r.then((value) => finish(drive, id, lane, value), fail);
        return;
      }
      // The answer is at hand now; the lane takes its next task after one turn of the loop.
      drive.received[id] = performance.now();
      yieldToLoop().then(() => {
        const at = drive.received[id] as number;
        finish(drive, id, lane, r);
        drive.received[id] = at;
      }, fail);
    },
    o.warmup,
  );
  const onAbort = () => fail(new RunAborted());
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    o.probe?.start();
    drive.begin();
    await Promise.race([drive.done, failed]);
    const wrong = checks.verify();
    if (wrong) throw new HubError(wrong);
    return runOf(drive, o.warmup);
  } finally {
    o.probe?.stop();
    drive.stop();
    o.signal?.removeEventListener('abort', onAbort);
  }
}
