/**
 * The work one task does. Work is fixed by parameters, never by wall time. `io` waits on a timer
 * (simulated IO), `fs` reads a file through the libuv thread pool, `net` asks a loopback HTTP
 * server in another process, `module` calls the user's function (`--task-module`).
 */
export type TaskKind = 'io' | 'cpu' | 'noop' | 'fs' | 'net' | 'module' | 'payload';
/**
 * How a `payload` task's bytes travel to a worker and back. Threads: `clone-object` (a document of
 * records, structured clone), `clone-buffer` (an ArrayBuffer, cloned), `transfer` (the ArrayBuffer
 * moved, both ways), `shared` (a SharedArrayBuffer the hub writes and the worker reads, handed over
 * with Atomics). Processes: `json` (the records over an IPC channel or frames as JSON), `advanced`
 * (the records through the structured-clone serialization of an IPC channel), `advanced-buffer`
 * (a Uint8Array that way), `frames` (the bytes as a binary frame on stdio).
 */
export type PayloadWay =
  | 'clone-object'
  | 'clone-buffer'
  | 'transfer'
  | 'shared'
  | 'json'
  | 'advanced'
  | 'advanced-buffer'
  | 'frames';
/** Which ideal a task's speedup is held against: waits overlap without limit, work is capped by the cores. */
export type TaskBound = 'cpu' | 'io';
/** How tasks are spread: two worker pools and two main-thread baselines. */
export type Mode = 'threads' | 'processes' | 'sequential' | 'async';
/** Modes that start workers. */
export type WorkerMode = 'threads' | 'processes';
/** Modes that run on the main thread. */
export type MainMode = 'sequential' | 'async';
/**
 * The primitive behind a mode. `main` for the baselines; the rest name a runtime's API.
 * Kept as a string union with a fallback so files from newer runners still decode.
 */
export type Impl = 'main' | 'worker_threads' | 'child_process' | 'web-worker' | 'bun-spawn' | (string & {});
/** Which runtime wrote a file. */
export type RuntimeName = 'node' | 'bun' | 'deno' | (string & {});
/** Named worker lists: the article's two experiments, or an explicit list. */
export type WorkerSet = 'standard' | 'extended' | 'custom';
/** Whether workers inherit variables known to change what is measured. */
export type WorkerEnv = 'inherit' | 'clean';
/**
 * How a worker cell's pool lives. `cold` (the article's way, and the default): every hub run starts
 * fresh workers and ends them, so each sample pays spawn, the workers' first compiles and teardown.
 * `warm`: the cell starts its N workers once, runs `warmup` batches (at least 1) that are thrown
 * away, then `repeat` measured batches on the same live workers, and ends them once, as a server
 * keeps its pool.
 */
export type PoolKind = 'cold' | 'warm';
/** A fault injected into one task per hub run, to test the harness itself. */
export type Fault = 'throw' | 'exit' | 'hang';

/** Parameters every task of a run shares. Written into the result file. */
export interface TaskParams {
  ioMs: number;
  cpuIters: number;
  /** Size of the file each `fs` task reads; present when the run has `fs`. */
  fsBytes?: number;
  /** How long the loopback server waits before it answers a `net` task; present when the run has `net`. */
  netDelayMs?: number;
  /** Size of the body the loopback server answers with; present when the run has `net`. */
  netBytes?: number;
}

/** The user's task module (`--task-module`), as the result file identifies it. */
export interface TaskModuleInfo {
  /** The path it was loaded from, absolute. */
  path: string;
  /** Its `name` export, else the file's base name. */
  name: string;
  /** SHA-256 of its source, hex: two versions of a function are never the same work. */
  sha256: string;
  bound: TaskBound;
  /** SHA-256 of the JSON of its `arg` export, hex; absent without an `arg` or when it has no JSON. */
  argHash?: string;
  /**
   * True when every answer was compared with the main thread's; false when two calls on the main
   * thread disagreed (the function's result varies), and then no answer could be checked.
   */
  checked: boolean;
}

/**
 * How a hub run is timed. `phases`: start all N workers, wait until all are ready (a barrier), then
 * work, then teardown: three phases one after the other, so `spawnMs` is the cost of starting N.
 * `article`: as the article's `concurrent.futures` hub, tasks go to each worker as soon as it is
 * ready (no barrier) and the total runs from creating the pool to the last worker's exit; the
 * phases then overlap, and when the last worker became ready is a point (`Sample.readyAtMs`).
 */
export type Clock = 'phases' | 'article';

/**
 * One measured hub run: the phases the article timed as one. Under the `phases` clock, spawn (all
 * N ready), work and teardown follow one another. Under the `article` clock they still add up to
 * `totalMs` but mean: `spawnMs` until the first worker was ready, `workMs` from then to the last
 * answer (workers still starting meanwhile), `teardownMs` from the last answer to the last exit.
 */
export interface Sample {
  totalMs: number;
  spawnMs: number;
  workMs: number;
  teardownMs: number;
  /**
   * `article` clock: when the last of the N workers was ready, ms from the pool's creation (a point
   * inside `workMs`, not a phase); absent where the pool does not say (library pools).
   */
  readyAtMs?: number;
}

/** Percentiles of one per-task time over every measured task of a cell, ms (nearest rank). */
export interface Percentiles {
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * How per-task times were taken. `hrtime` (Node's workers): each worker stamps
 * `process.hrtime()`, CLOCK_MONOTONIC, one clock for every thread and process, and the hub
 * maps the stamps onto its `performance.timeOrigin + performance.now()` by one offset it reads
 * itself (on Node the two are the same clock); `time-origin` (Bun's and Deno's workers, and files
 * written before `hrtime`): the hub and each worker stamp `performance.timeOrigin +
 * performance.now()`, one clock on one machine for threads and processes (each process derives its
 * origin from the system clock at start, so `returnMs.min` shows the offset error: a return time
 * below zero is that error); `main-thread`: one clock, no worker;
 * `hub`: only the hub's clock, so only `responseMs` (submitted to received) is known: a library
 * pool, which does not say when a task started, and a payload cell, whose workers read no clock so
 * as to add nothing to the round trip it measures; `monotonic-ns`: CPython, `time.monotonic_ns()` on every side (CLOCK_MONOTONIC
 * on Linux, one clock for all processes).
 */
export type TaskClockMethod = 'hrtime' | 'time-origin' | 'main-thread' | 'hub' | 'monotonic-ns';

/**
 * Per-task times of a cell. A task is submitted when it enters the hub's queue: all `count` at
 * once when the work begins (the article's submit loop). Queue wait is submitted to started on a
 * worker, run is started to done, return is done to received by the hub, response is the whole
 * (submitted to received). Percentiles of each are taken separately, so they do not add up.
 */
export interface TaskTimes {
  method: TaskClockMethod;
  /** Tasks measured: `count` times the cell's measured runs. */
  tasks: number;
  responseMs: Percentiles;
  queueMs?: Percentiles;
  runMs?: Percentiles;
  /** Absent on the main thread (nothing to return) and for library pools. */
  returnMs?: Percentiles;
}

/** One point of the sweep: a task kind through one mode and impl at one worker count. */
export interface Cell {
  task: TaskKind;
  mode: Mode;
  impl: Impl;
  workers: number;
  status: 'ok' | 'failed';
  error?: string;
  samples: Sample[];
  /** Median memory one worker adds, measured the same way for threads and processes where it can be. */
  memory?: WorkerMemory;
  /**
   * Written by files before `memory`: the median RSS each process worker reported (shared pages
   * counted), or the hub's RSS growth per thread. Read, never written.
   */
  rssBytesPerWorker?: number;
  /** Per-task queue wait, run and return times, percentiles over every measured task. */
  taskTimes?: TaskTimes;
  /** Tasks that arrived over time (`--arrival-rate`): one point per rate, in the config's order. */
  arrivals?: ArrivalPoint[];
  /** `payload` cells: how the bytes travelled (absent on the main thread, where nothing moves). */
  way?: PayloadWay;
  /** `payload` cells: the bytes each task carried each way. */
  payloadBytes?: number;
  /** How late the hub's event loop (or main thread) ran while the work phase ran, over the measured runs. */
  loopDelay?: LoopDelay;
  /**
   * `warm`: the cell's workers lived across its runs (`--pool warm`); absent: a cold cell, fresh
   * workers per run. Only worker cells have it. A warm cell's samples are its batches' work alone:
   * `workMs` = `totalMs`, `spawnMs` = `teardownMs` = 0; the one spawn and one teardown are in
   * `warmStart`.
   */
  pool?: 'warm';
  /** A warm cell's one start of its N workers and one teardown, ms; absent when the cell failed before. */
  warmStart?: WarmStart;
}

/**
 * The spawn and teardown a warm cell paid once. `spawnMs` runs until all N were ready (the phases
 * clock's barrier; for a library pool, until N workers had answered); `teardownMs` from asking
 * them to leave to the last exit.
 */
export interface WarmStart {
  spawnMs: number;
  teardownMs: number;
}

/**
 * How the hub's responsiveness was sampled. `timer-drift`: a timer re-armed every `intervalMs` on
 * the hub's event loop (backing off to `idleIntervalMs` while idle) records how late it fires
 * (JavaScript runtimes); `asyncio-timer`: the same
 * on CPython's asyncio loop (its async baseline); `thread-wakeup`: a Python thread sleeping
 * `intervalMs` records how late it wakes, which is mostly its wait for the GIL (CPython's other cells).
 */
export type LoopDelayMethod = 'timer-drift' | 'asyncio-timer' | 'thread-wakeup';

/** Percentiles of a set of delays, ms, and how many there were (at HDR's ranks). */
export interface DelayStats {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}

/** The event-loop delay of one cell, pooled over its measured runs' work phases. */
export interface LoopDelay extends DelayStats {
  method: LoopDelayMethod;
  /** The sampler's interval: a stall shorter than this can be missed; a delay is exact to the clock. */
  intervalMs: number;
  /**
   * `timer-drift` that backs off while the loop is idle: the longest interval it waits then, so a
   * stall that begins on an idle loop is timed to within this (one that follows a late tick, to
   * `intervalMs`). Absent: the interval never changed (files before it, CPython).
   */
  idleIntervalMs?: number;
  /**
   * `perf_hooks.monitorEventLoopDelay` over the same windows at the same interval, where it
   * measures the same thing (Node, Bun), as delay past the interval; for checking the sampler.
   */
  monitor?: DelayStats;
}

/** How arrivals are spaced: `poisson`, exponential gaps from a seeded generator; `fixed`, 1/rate apart. */
export type ArrivalKind = 'poisson' | 'fixed';

/** The arrival runs a sweep did besides its batch runs (`--arrival-rate`). */
export interface ArrivalConfig {
  /** Offered rates, tasks per second, in the order run. */
  rates: number[];
  kind: ArrivalKind;
  /** The generator's seed: run r at rate index k uses `arrivalSeed(seed, k, r)`, the same for every cell. */
  seed: number;
  /**
   * Arrivals at the start of every run whose times are not kept: `max(warmupMin, warmupPerWorker x
   * workers)` of the cell, so that each worker has answered at least twice (its first calls pay
   * for compiling) and the queue has reached its running state. The `count` measured tasks follow
   * on the same schedule, without a pause.
   */
  warmupMin: number;
  warmupPerWorker: number;
  /** Throughput below this share of the offered rate marks the rate as not sustained. */
  sustainShare: number;
}

/**
 * One rate through one cell, over its measured arrival runs. A task's response is from its arrival
 * (when it was due, on the hub's clock) to its answer received by the hub; its queue wait is from
 * arrival to the hub handing it to a worker (or, on the main thread, starting it). Throughput is the
 * rate of answers over the measured tasks (1000 over the least-squares slope of their answer times
 * against their order); `offered` the same for their arrivals. A rate is sustained when throughput / offered (median over runs) is at least
 * `sustainShare`; otherwise the queue grew through the run and the percentiles measure the run's
 * length, not a latency.
 */
export interface ArrivalPoint {
  /** The rate asked for, tasks/s. */
  rate: number;
  /** Measured runs pooled here. */
  runs: number;
  /** Measured tasks over those runs. */
  tasks: number;
  /** Arrival rate of the measured tasks as scheduled (least-squares slope), tasks/s, median over runs. */
  offered: number;
  /** Answers per second over the measured tasks, median over runs. */
  throughput: number;
  sustained: boolean;
  responseMs: Percentiles;
  queueMs: Percentiles;
  /** Most tasks waiting in the hub's queue at once, over the measured runs. */
  maxQueued: number;
  /** The hub's event-loop delay over these runs, where the sweep sampled it. */
  loopDelay?: ArrivalLoopDelay;
}

/** An event-loop delay reading over arrival runs: nearest-rank percentiles of the sampled delays, ms. */
export interface ArrivalLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}
/**
 * `--arg-transfer`: how a task module's binary arg reaches a thread worker: copied with each task
 * (`clone`), its buffer moved there and back (`transfer`), or shared once per worker (`shared`).
 */
export type ArgTransfer = 'clone' | 'transfer' | 'shared';

/** A payload way a transport does not have, skipped with its reason. */
export interface SkippedWay {
  mode: WorkerMode;
  impl: Impl;
  way: PayloadWay;
  reason: string;
}

/** How a cell's memory per worker was measured. */
export type MemoryMethod = 'uss' | 'rss-growth' | 'rss';

/** Memory one worker adds, and how that was measured. */
export interface WorkerMemory {
  bytesPerWorker: number;
  /**
   * `uss`: a process worker's own pages (Private_Clean + Private_Dirty of /proc/<pid>/smaps_rollup,
   * Linux), not its RSS, which counts pages shared with every other process of the runtime;
   * `rss-growth`: the hub process's RSS growth per added thread (a thread's pages are the hub's);
   * `rss`: a process worker's RSS as it reported it, where /proc is missing (an overestimate).
   */
  method: MemoryMethod;
}

/** A bare message round trip on one transport, measured beside the `noop` cells. */
export interface RoundTrip {
  mode: WorkerMode;
  impl: Impl;
  /**
   * One per measured run: the mean round trip (µs) of `count` pings to a fresh worker, measured
   * like a `noop` hub run at 1 worker so that the two compare like for like.
   */
  samplesUs: number[];
}

/** A worker-pool library that ran as an impl: which one, and how its pools were made. */
export interface LibraryInfo {
  mode: WorkerMode;
  impl: Impl;
  /** The npm package. */
  name: string;
  /** Its installed version. */
  version: string;
  /** The options each pool was made with; `workers` stands for the cell's worker count. */
  options: Record<string, string | number | boolean>;
}

/** What the runner saw of its machine and process. */
export interface Env {
  runtime: RuntimeName;
  runtimeVersion: string;
  os: string;
  arch: string;
  kernel: string;
  cpuModel: string;
  cores: number;
  availableParallelism: number;
  memoryBytes: number;
  hostname: string;
  label: string;
  loadavgStart: number[];
  loadavgEnd: number[];
  /**
   * Share of the machine's CPU used by other processes during the sweep (0..1), from /proc;
   * absent where it cannot be read. The load average also counts the benchmark itself.
   */
  otherCpuShare?: number;
  vars: Record<string, string>;
}

/** The sweep as it was asked for, after defaults. */
export interface RunConfig extends TaskParams {
  tasks: TaskKind[];
  modes: Mode[];
  impls: Impl[];
  workers: number[];
  workerSet: WorkerSet;
  count: number;
  repeat: number;
  warmup: number;
  timeoutMs: number;
  workerEnv: WorkerEnv;
  preset: 'default' | 'quick' | 'article';
  /** How hub runs were timed; absent in files written before the article clock: `phases`. */
  clock?: Clock;
  /**
   * The async baseline runs the cpu task only at worker counts up to this (or at the smallest
   * count when none is): one thread cannot run cpu work faster with more tasks in flight, so the
   * cells above it would repeat the main thread. Absent: at every count (the article preset, and
   * files written before it).
   */
  asyncCpuMaxWorkers?: number;
  fault?: Fault;
  /** Present when the sweep also ran tasks arriving over time (`--arrival-rate`). */
  arrival?: ArrivalConfig;
  /** Present when the run has the `module` task. */
  taskModule?: TaskModuleInfo;
  /** Present when the run has the `payload` task: the sizes each task carried, bytes. */
  payloadBytes?: number[];
  /** Present when the run has the `payload` task: the ways asked for (each transport ran those it has). */
  ways?: PayloadWay[];
  /** `--arg-transfer`, when given: how the module's arg reached thread workers. */
  argTransfer?: ArgTransfer;
  /**
   * `--pool`: the pool lifetimes each worker cell ran with, in that order; absent: `['cold']`
   * (files before warm pools, and runs that did not ask).
   */
  pools?: PoolKind[];
}

/** Set by `pnpm bench`: the runner invocations of one bench share `id`; `round` counts from 1 to `rounds`. */
export interface Batch {
  id: string;
  round: number;
  rounds: number;
}

/** The one persisted shape: a result file, msgpack, one per runner invocation. */
export interface ResultFile {
  schemaVersion: 1;
  id: string;
  createdAt: string;
  tool: { name: string; version: string; gitSha?: string };
  env: Env;
  config: RunConfig;
  cells: Cell[];
  roundTrips?: RoundTrip[];
  /** The worker-pool libraries among the impls that ran, with their versions and options. */
  libraries?: LibraryInfo[];
  /** Wall clock of the whole sweep, milliseconds. */
  durationMs?: number;
  /** True when a signal stopped the sweep: the cells are those finished by then. */
  interrupted?: boolean;
  warnings?: string[];
  /** The bench this run was part of, when `pnpm bench` ran it. */
  batch?: Batch;
  /** Payload ways asked for that a transport does not have, each with why. */
  skippedWays?: SkippedWay[];
}
