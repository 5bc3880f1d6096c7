import { median } from '../analysis/stats.ts';
import { HubError } from '../errors.ts';
import type { Fault, Sample, TaskKind, TaskParams, WorkerEnv, WorkerMemory } from '../format/types.ts';
import type { Answers } from './answers.ts';
import { DeferredChecks, showAnswer } from './answers.ts';
import { Pool, type Slot } from './pool.ts';
import { poolMemory } from './proc-memory.ts';
import type { WorkerSetup } from './protocol.ts';
import type { Transport } from './transport.ts';
import { watch } from './watchdog.ts';

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
}

export interface HubOptions extends RunOptions {
  transport: Transport;
  /** What each worker prepares before it is ready (the module to import, the file, the server). */
  setup?: WorkerSetup | undefined;
  /** A module task's argument, sent with every task. */
  arg?: unknown;
}

export interface HubResult {
  sample: Sample;
  /** Read between the spawn and work phases, in neither. */
  memory?: WorkerMemory;
}

const rssNow = () => process.memoryUsage().rss;

/**
 * One measured hub run on workers: start N, wait until all are ready, run `count` tasks with one
 * task per worker at a time, ask all to exit and wait until each has. Throws `HubError` (the
 * workers are killed first) or `RunAborted`.
 */
export async function runHub(o: HubOptions): Promise<HubResult> {
  const pool = new Pool(o.transport, o.workerEnv, o.setup);
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
    const withArg = task === 'module' ? { arg: o.arg } : {};
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
        ...withArg,
        ...(id === faultAt && o.fault ? { fault: o.fault } : {}),
      });
    };
    const checks = new DeferredChecks();
    pool.onMessage = (i, msg) => {
      const slot = pool.slots[i] as Slot;
      if (msg.t === 'fail') {
        pool.fail(new HubError(`task ${msg.id} failed in worker ${i + 1}: ${msg.error.name}: ${msg.error.message}`));
        return;
      }
      if (msg.t !== 'done') return;
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
      slot.task = -1;
      if (++done === count) pool.resolvePhase();
      else if (next < count) send(i);
    };
    await pool.phaseDone(() => {
      for (let i = 0; i < pool.slots.length && next < count; i++) send(i);
    });
    const t2 = performance.now();
    // A module's answers are compared here, after the work phase's clock stopped.
    const wrong = checks.verify();
    if (wrong) throw new HubError(`${wrong}: the work was not done as asked`);

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
