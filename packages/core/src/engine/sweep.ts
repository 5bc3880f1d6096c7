import os from 'node:os';
import { asyncWorkers } from '../analysis/async-cells.ts';
import { median } from '../analysis/stats.ts';
import { endedByAbort, HubError, RunAborted } from '../errors.ts';
import type {
  Cell,
  Impl,
  Mode,
  PayloadWay,
  RoundTrip,
  RunConfig,
  SkippedWay,
  TaskKind,
  WorkerMemory,
} from '../format/types.ts';
import { type Answers, expectedAnswers } from './answers.ts';
import { arrivalCost, runArrivalCell } from './arrival-cell.ts';
import { runArrivalHub, runArrivalMain, runArrivalPool } from './arrival-runs.ts';
import { arrivalWarmup } from './arrival-schedule.ts';
import { runMain } from './baselines.ts';
import { type FsFile, writeFsFile } from './fs-file.ts';
import { type HubResult, type RunOptions, runHub } from './hub-run.ts';
import type { LibraryPool } from './library-pool.ts';
import { LoopDelayProbe } from './loop-delay.ts';
import { type NetServer, startNetServer } from './net-server.ts';
import { checksumBytes, formOf, type PayloadDoc, payloadAnswer, payloadBytes, payloadDoc } from './payload.ts';
import { DEFAULT_PAYLOAD_BYTES, PAYLOAD_WAYS, waysFor } from './payload-ways.ts';
import { runPoolHub } from './pool-hub-run.ts';
import type { WorkerSetup } from './protocol.ts';
import { reapWorkersOnExit } from './reaper.ts';
import type { LoadedTaskModule } from './task-module.ts';
import { prepareTarget, type TaskTarget } from './task-target.ts';
import { type TaskStamps, taskTimesOf } from './task-times.ts';
import type { Transport } from './transport.ts';
import { openWarmHub, type WarmPool } from './warm-hub.ts';
import { openWarmPool } from './warm-pool-hub.ts';
import { measureRoundTrip } from './yardstick.ts';

/** One cell to run, with what the ETA needs to weigh it. */
export interface PlannedCell {
  task: TaskKind;
  mode: Mode;
  impl: Impl;
  workers: number;
  transport?: Transport;
  /** A worker-pool library, run by `runPoolHub` instead of a transport. */
  pool?: LibraryPool;
  /** A warm cell (`--pool warm`): its workers live across its runs. Absent: cold. */
  warm?: boolean;
  /** A payload cell's way (absent on the main thread) and size. */
  way?: PayloadWay;
  payloadBytes?: number;
}

/** The tasks a library pool's worker can run: those that need no per-worker setup. */
const POOL_TASKS: readonly TaskKind[] = ['io', 'cpu', 'noop'];

/**
 * The cells of a sweep, in the order they run: by task, then worker count, then mode, so that the
 * modes being compared at one worker count are measured close together in time. `sequential`
 * ignores the worker count and runs once, at 1; `async` runs where `asyncWorkers` says.
 */
export function planCells(
  config: RunConfig,
  transports: readonly Transport[],
  pools: readonly LibraryPool[] = [],
): PlannedCell[] {
  const cells: PlannedCell[] = [];
  const lifetimes = lifetimesOf(config);
  for (const task of config.tasks) {
    if (task === 'payload') {
      cells.push(...payloadCells(config, transports));
      continue;
    }
    if (config.modes.includes('sequential')) cells.push({ task, mode: 'sequential', impl: 'main', workers: 1 });
    const asyncAt = asyncWorkers(config, task);
    for (const workers of config.workers) {
      for (const mode of config.modes) {
        if (mode === 'sequential') continue;
        if (mode === 'async') {
          if (asyncAt.includes(workers)) cells.push({ task, mode, impl: 'main', workers });
          continue;
        }
        for (const t of transports) {
          if (t.mode === mode && config.impls.includes(t.impl))
            for (const kind of lifetimes) cells.push({ task, mode, impl: t.impl, workers, transport: t, ...kind });
        }
        for (const pool of pools) {
          if (pool.mode === mode && config.impls.includes(pool.impl))
            for (const kind of lifetimes) cells.push({ task, mode, impl: pool.impl, workers, pool, ...kind });
        }
      }
    }
  }
  return cells;
}

/** Each worker cell once per pool lifetime asked for, in that order: a cold and a warm cell run side by side. */
const lifetimesOf = (config: RunConfig): { warm?: true }[] =>
  (config.pools ?? ['cold']).map((k) => (k === 'warm' ? { warm: true } : {}));

/**
 * The payload task's cells: per size, per worker count, per mode, every transport with each of its
 * ways, so that the ways compared at one size run close together in time; on the main thread, the
 * work alone (nothing moves). Library pools carry no payload.
 */
function payloadCells(config: RunConfig, transports: readonly Transport[]): PlannedCell[] {
  const cells: PlannedCell[] = [];
  const asked = config.ways ?? PAYLOAD_WAYS;
  for (const payloadBytes of config.payloadBytes ?? DEFAULT_PAYLOAD_BYTES) {
    const task = 'payload' as const;
    if (config.modes.includes('sequential'))
      cells.push({ task, mode: 'sequential', impl: 'main', workers: 1, payloadBytes });
    for (const workers of config.workers) {
      for (const mode of config.modes) {
        if (mode === 'sequential') continue;
        if (mode === 'async') {
          cells.push({ task, mode, impl: 'main', workers, payloadBytes });
          continue;
        }
        for (const t of transports) {
          if (t.mode !== mode || !config.impls.includes(t.impl)) continue;
          for (const way of waysFor(t, asked).run)
            for (const kind of lifetimesOf(config))
              cells.push({ task, mode, impl: t.impl, workers, transport: t, way, payloadBytes, ...kind });
        }
      }
    }
  }
  return cells;
}

/** The payload ways asked for that a transport of the sweep lacks, each once, with why. */
export function skippedWays(config: RunConfig, transports: readonly Transport[]): SkippedWay[] {
  if (!config.tasks.includes('payload')) return [];
  const asked = config.ways ?? PAYLOAD_WAYS;
  return transports
    .filter((t) => config.modes.includes(t.mode) && config.impls.includes(t.impl))
    .flatMap((t) => waysFor(t, asked).skipped);
}

/** Where the sweep is, for a progress line. */
export interface SweepProgress {
  cellIndex: number;
  cellCount: number;
  cell: PlannedCell;
  /** This run, from 0, of the cell's `runs`; the first `warmup` of them are not measured. */
  run: number;
  runs: number;
  /** How many of the cell's runs come first and are thrown away (a warm cell's: its warm-up batches). */
  warmup: number;
  /** Estimated time left, ms; undefined until something has been timed. */
  etaMs: number | undefined;
}

/** What a sweep runs on; callbacks rather than printing, so the CLI and `measure()` report progress their own way. */
export interface SweepOptions {
  config: RunConfig;
  transports: readonly Transport[];
  pools?: readonly LibraryPool[];
  signal?: AbortSignal;
  onProgress?: (p: SweepProgress) => void;
  /** Called after each cell, with every cell finished so far. */
  onCell?: (cell: Cell) => void;
  /** The `--task-module`, loaded (loadTaskModule), when the config has the `module` task. */
  taskModule?: LoadedTaskModule;
  /** Told each payload way a transport lacks, before the first cell. */
  onSkip?: (s: SkippedWay) => void;
}

/** A finished or aborted sweep: what the result file records, `aborted` so a stopped run is still saved. */
export interface SweepResult {
  cells: Cell[];
  /** Payload ways a transport lacks (also told through `onSkip`). */
  skippedWays?: SkippedWay[];
  roundTrips: RoundTrip[];
  aborted: boolean;
  durationMs: number;
}

/** A guess of one cell's cost, ms, used only to weigh the cells for the ETA. */
function weight(c: PlannedCell, config: RunConfig, taskMs: number, cores: number): number {
  const waits = c.task === 'io' || c.task === 'fs' || c.task === 'net';
  const lanes = c.mode === 'sequential' ? 1 : waits ? c.workers : Math.min(c.workers, c.mode === 'async' ? 1 : cores);
  const spawn = c.mode === 'processes' ? 60 * c.workers : c.mode === 'threads' ? 25 * c.workers : 0;
  const work = Math.ceil(config.count / lanes) * (taskMs + 0.05);
  if (c.warm) return spawn + (warmRunsOf(config) + config.repeat) * work;
  return (config.warmup + config.repeat) * (spawn + work) + arrivalCost(config, c.workers, spawn);
}

/** A warm cell's unmeasured batches: `warmup`, and at least one, so its workers' first calls are never measured. */
export const warmRunsOf = (config: RunConfig): number => Math.max(1, config.warmup);

/**
 * Run every cell: `warmup` unmeasured runs, then `repeat` measured ones, keeping raw samples.
 * A failing cell is recorded `failed` with its reason and the sweep goes on; an abort stops it
 * and returns the cells finished so far.
 */
export async function runSweep(o: SweepOptions): Promise<SweepResult> {
  // Before anything is timed or started: a process worker that outlives this process is killed.
  if (o.config.modes.includes('processes')) reapWorkersOnExit();
  const started = performance.now();
  if (o.config.tasks.includes('module') && !o.taskModule) {
    throw new Error('the config has the module task but no task module was loaded (loadTaskModule)');
  }
  const res = await realIo(o.config);
  try {
    return await sweepCells(o, res, started);
  } finally {
    await res.close();
  }
}

/** The file and the server the real-IO tasks use, made before the sweep and removed after it. */
interface RealIo {
  fs?: FsFile;
  net?: NetServer;
  close(): Promise<void>;
}

async function realIo(config: RunConfig): Promise<RealIo> {
  const res: RealIo = {
    close: async () => {
      await Promise.all([res.fs?.remove(), res.net?.stop()]);
    },
  };
  try {
    if (config.tasks.includes('fs')) res.fs = await writeFsFile(config.fsBytes ?? 0);
    if (config.tasks.includes('net')) res.net = await startNetServer(config.netDelayMs ?? 0, config.netBytes ?? 0);
  } catch (err) {
    await res.close();
    throw err;
  }
  return res;
}

/** What the workers of a task's cells prepare at start. */
function setupOf(task: TaskKind, res: RealIo, mod: LoadedTaskModule | undefined): WorkerSetup {
  if (task === 'fs' && res.fs) return { fsPath: res.fs.path };
  if (task === 'net' && res.net) return { netUrl: res.net.url };
  if (task === 'module' && mod) return { moduleUrl: mod.url };
  return {};
}

async function sweepCells(o: SweepOptions, res: RealIo, started: number): Promise<SweepResult> {
  const { config } = o;
  const params = {
    ioMs: config.ioMs,
    cpuIters: config.cpuIters,
    ...(config.fsBytes !== undefined ? { fsBytes: config.fsBytes } : {}),
    ...(config.netDelayMs !== undefined ? { netDelayMs: config.netDelayMs } : {}),
    ...(config.netBytes !== undefined ? { netBytes: config.netBytes } : {}),
  };
  const setups = new Map<TaskKind, WorkerSetup>();
  const targets = new Map<TaskKind, TaskTarget>();
  for (const task of config.tasks) {
    const setup = setupOf(task, res, o.taskModule);
    setups.set(task, setup);
    targets.set(task, await prepareTarget(setup));
  }
  // Every answer the tasks must give, worked out before any timed run; it also times one cpu task.
  const answers = new Map<TaskKind, Answers>();
  let cpuMs = 0;
  for (const task of config.tasks) {
    const t = performance.now();
    // Arrival runs also send their warm-up tasks: answers for those ids too.
    const need = config.count + (config.arrival ? arrivalWarmup(config.arrival, Math.max(...config.workers)) : 0);
    const a = await expectedAnswers(task, params, need, o.signal, o.taskModule?.expected);
    if (!a) return { cells: [], roundTrips: [], aborted: true, durationMs: performance.now() - started };
    if (task === 'cpu') cpuMs = (performance.now() - t) / need;
    answers.set(task, a);
  }
  // Guesses for the ETA only: a read of the file, the server's delay, a module task as a cpu one.
  const taskMs = (task: TaskKind) =>
    task === 'io'
      ? config.ioMs
      : task === 'cpu' || task === 'module'
        ? cpuMs || 1
        : task === 'fs'
          ? 1 + (config.fsBytes ?? 0) / 2e6
          : task === 'net'
            ? (config.netDelayMs ?? 0) + 0.2
            : task === 'payload'
              ? 0.1 + Math.max(...(config.payloadBytes ?? DEFAULT_PAYLOAD_BYTES)) / 5e5
              : 0.02;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

  const plan = planCells(config, o.transports, o.pools);
  const skipped = skippedWays(config, o.transports);
  for (const sk of skipped) o.onSkip?.(sk);
  // A payload cell's answers and main-thread bytes depend on its size: made once per size, off the clock.
  const sizes = new Map<number, { bytes: Uint8Array; answers: Answers; doc?: PayloadDoc }>();
  const payloadOf = (n: number) => {
    let v = sizes.get(n);
    if (!v) {
      const bytes = payloadBytes(n);
      const sum = checksumBytes(bytes);
      v = { bytes, answers: (id: number) => payloadAnswer(sum, id) };
      sizes.set(n, v);
    }
    return v;
  };
  // What a cell's feed reuses: the bytes, and for a way that carries a document, the document.
  const madeOf = (way: PayloadWay, n: number) => {
    const v = payloadOf(n);
    if (formOf(way) === 'doc') v.doc ??= payloadDoc(n);
    return { made: v.bytes, madeDoc: v.doc };
  };
  const answersOf = (p: PlannedCell): Answers =>
    p.task === 'payload' ? payloadOf(p.payloadBytes ?? 0).answers : (answers.get(p.task) as Answers);
  const argOf = (p: PlannedCell): unknown =>
    p.task === 'payload' ? payloadOf(p.payloadBytes ?? 0).bytes : o.taskModule?.arg;
  // A library pool's yardstick is the bare round trip of the primitive it is built on.
  const yardstickOf = (p: PlannedCell) =>
    p.transport ?? o.transports.find((t) => p.pool && t.mode === p.pool.mode && t.impl === p.pool.primitive);
  const weights = plan.map((c) => weight(c, config, taskMs(c.task), cores));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let doneWeight = 0;
  const cells: Cell[] = [];
  const roundTrips: RoundTrip[] = [];

  try {
    for (const [index, p] of plan.entries()) {
      if (o.signal?.aborted) throw new RunAborted();
      // The yardstick for dispatch cost: before each run of a noop cell at 1 worker, a bare round
      // trip run on the same transport, measured the same way, so that each pair shares the
      // machine's state (CPU wake-up dominates small messages here).
      const yardstick = yardstickOf(p);
      // A warm cell's pair would repeat its cold neighbour's: the yardstick is paired with cold cells.
      let paired: RoundTrip | undefined =
        p.task === 'noop' && p.workers === 1 && yardstick && !p.warm
          ? { mode: yardstick.mode, impl: p.impl, samplesUs: [] }
          : undefined;
      if (paired) roundTrips.push(paired);
      const cell: Cell = {
        task: p.task,
        mode: p.mode,
        impl: p.impl,
        workers: p.workers,
        status: 'ok',
        samples: [],
        ...(p.way ? { way: p.way } : {}),
        ...(p.payloadBytes !== undefined ? { payloadBytes: p.payloadBytes } : {}),
        ...(p.warm ? { pool: 'warm' as const } : {}),
      };
      // A warm cell opens its pool at its first run and keeps it to its last (`openWarm`).
      const unmeasured = p.warm ? warmRunsOf(config) : config.warmup;
      const runs = unmeasured + config.repeat;
      let warm: WarmPool | undefined;
      const memory: WorkerMemory[] = [];
      const stamps: TaskStamps[] = [];
      // The hub's event-loop delay over the work phases of the measured runs.
      const probe = new LoopDelayProbe();
      // What every run of this cell is asked, batch and arrival runs alike.
      const base: RunOptions = {
        workers: p.workers,
        task: p.task,
        params,
        count: config.count,
        timeoutMs: config.timeoutMs,
        answers: answersOf(p),
        workerEnv: config.workerEnv,
        signal: o.signal,
      };
      const hubParts = (transport: Transport) => ({
        transport,
        setup: setups.get(p.task),
        arg: o.taskModule?.arg,
        payload: p.way ? { way: p.way, bytes: p.payloadBytes ?? 0, ...madeOf(p.way, p.payloadBytes ?? 0) } : undefined,
        argTransfer: p.mode === 'threads' ? config.argTransfer : undefined,
      });
      const mainParts = {
        mode: p.mode as 'sequential' | 'async',
        workers: p.workers,
        task: p.task,
        params,
        count: config.count,
        answers: answersOf(p),
        signal: o.signal,
        target: targets.get(p.task),
        arg: argOf(p),
      };
      try {
        for (let run = 0; run < runs; run++) {
          probe.measure = run >= unmeasured;
          const elapsed = performance.now() - started;
          const etaMs = doneWeight > 0 ? (elapsed / doneWeight) * (totalWeight - doneWeight) : undefined;
          o.onProgress?.({ cellIndex: index, cellCount: plan.length, cell: p, run, runs, warmup: unmeasured, etaMs });
          let r: HubResult;
          let rtUs: number | undefined;
          try {
            if (paired && yardstick) {
              rtUs = await measureRoundTrip(
                yardstick,
                config.count,
                config.workerEnv,
                config.timeoutMs,
                o.signal,
              ).catch((err: Error) => {
                if (endedByAbort(err, o.signal)) throw new RunAborted();
                roundTrips.splice(roundTrips.indexOf(paired as RoundTrip), 1);
                paired = undefined; // no yardstick; the noop cell says what went wrong
                return undefined;
              });
            }
            if (p.pool && !POOL_TASKS.includes(p.task)) {
              throw new HubError(
                `${p.impl}: library pools run the built-in ${POOL_TASKS.join(', ')} tasks only (their workers get no setup for ${p.task})`,
              );
            }
            const common: RunOptions = { ...base, fault: config.fault, clock: config.clock, probe };
            if (p.warm && !warm) {
              const opened = p.pool
                ? await openWarmPool({ ...common, pool: p.pool })
                : await openWarmHub({ ...common, ...hubParts(p.transport as Transport) });
              warm = opened;
              if (opened.memory !== undefined) memory.push(opened.memory);
            }
            r = warm
              ? await warm.batch(probe)
              : p.pool
                ? await runPoolHub({ ...common, pool: p.pool })
                : p.transport
                  ? await runHub({ ...common, ...hubParts(p.transport) })
                  : await runMain({ ...mainParts, probe });
          } catch (err) {
            if (endedByAbort(err, o.signal)) throw new RunAborted();
            cell.status = 'failed';
            cell.error = (err as Error).message;
            break;
          } finally {
            // A run that failed inside its work phase left the sampler running.
            probe.stop();
          }
          if (run >= unmeasured) {
            cell.samples.push(r.sample);
            if (paired && rtUs !== undefined) paired.samplesUs.push(rtUs);
            if (r.memory !== undefined) memory.push(r.memory);
            if (r.stamps !== undefined) stamps.push(r.stamps);
          }
          doneWeight += (weights[index] as number) / runs;
        }
        if (warm && cell.status === 'ok') {
          try {
            cell.warmStart = await warm.close();
          } catch (err) {
            if (endedByAbort(err, o.signal)) throw new RunAborted();
            cell.status = 'failed';
            cell.error = (err as Error).message;
          }
          warm = undefined;
        }
      } finally {
        // A failed batch has killed the pool already; an abort between batches has not.
        await warm?.kill();
      }
      const method = memory[0]?.method;
      if (method !== undefined && memory.every((m) => m.method === method)) {
        cell.memory = { bytesPerWorker: Math.round(median(memory.map((m) => m.bytesPerWorker))), method };
      }
      const taskTimes = cell.status === 'ok' ? taskTimesOf(stamps) : undefined;
      if (taskTimes) cell.taskTimes = taskTimes;
      const loopDelay = cell.status === 'ok' ? probe.result() : undefined;
      if (loopDelay) cell.loopDelay = loopDelay;
      // A warm cell runs no arrivals: every arrival run is warm already (its pool starts before the
      // first arrival and its warm-up arrivals are not measured), so its points would repeat the cold cell's.
      if (cell.status === 'ok' && config.arrival && !p.warm) {
        await runArrivalCell(
          cell,
          config.arrival,
          config.count,
          config.repeat,
          (arrival) =>
            (p.pool
              ? runArrivalPool({ ...base, pool: p.pool, ...arrival })
              : p.transport
                ? runArrivalHub({ ...base, ...hubParts(p.transport), ...arrival })
                : runArrivalMain({ ...mainParts, ...arrival })
            ).catch((err: unknown) => {
              throw endedByAbort(err, o.signal) ? new RunAborted() : err;
            }),
          // The hub's event-loop delay per rate, sampled as the batch runs' is.
          () => new LoopDelayProbe(),
        );
      }
      cells.push(cell);
      o.onCell?.(cell);
    }
  } catch (err) {
    if (!(err instanceof RunAborted)) throw err;
    return { cells, roundTrips, skippedWays: skipped, aborted: true, durationMs: performance.now() - started };
  }
  return { cells, roundTrips, skippedWays: skipped, aborted: false, durationMs: performance.now() - started };
}
