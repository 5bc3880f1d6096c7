import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ARRIVAL_SUSTAIN_SHARE,
  ARRIVAL_WARMUP_MIN,
  ARRIVAL_WARMUP_PER_WORKER,
  DEFAULT_ARRIVAL_SEED,
  DEFAULT_FS_BYTES,
  DEFAULT_NET_BYTES,
  DEFAULT_NET_DELAY_MS,
  EXTENDED_WORKERS,
  MAX_ARRIVAL_RATE,
  MAX_ARRIVAL_RATES,
  MAX_WORKERS,
  MIN_ARRIVAL_RATE,
  MODES,
  STANDARD_WORKERS,
  TASK_KINDS,
} from '../constants.ts';
import { DEFAULT_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES, PAYLOAD_WAYS } from '../engine/payload-ways.ts';
import { UsageError } from '../errors.ts';
import type {
  ArgTransfer,
  ArrivalConfig,
  ArrivalKind,
  Clock,
  Fault,
  Impl,
  Mode,
  PayloadWay,
  PoolKind,
  RunConfig,
  TaskKind,
  WorkerEnv,
  WorkerMode,
  WorkerSet,
} from '../format/types.ts';
import { type FlagKind, readFlags } from './flags.ts';
import { PRESETS, type PresetName, preset } from './presets.ts';

/** What a runner tells the parser about itself. */
export interface ParseContext {
  /** The impls this runtime has for each worker mode, its default first. */
  impls: Record<WorkerMode, readonly Impl[]>;
  /** Where result files go without `--out`. */
  defaultOut: string;
  /** The folder a relative `--out` is taken from. */
  cwd?: string;
  /** Impls that `--impl all` leaves out: they run only when named (the pool libraries). */
  namedOnly?: readonly Impl[];
}

/** A parsed command line: a sweep to run, or a request for help. */
export type CliRequest =
  | { kind: 'help' }
  | {
      kind: 'run';
      config: RunConfig;
      out: string;
      label: string;
      upload?: string;
      quiet: boolean;
      /** `--task-module`, absolute: load it (loadTaskModule) and set `config.taskModule` before the sweep. */
      taskModulePath?: string;
    };

const FAULTS: readonly Fault[] = ['throw', 'exit', 'hang'];
const WORKER_ENVS: readonly WorkerEnv[] = ['inherit', 'clean'];
const CLOCKS: readonly Clock[] = ['phases', 'article'];
const ARG_TRANSFERS: readonly ArgTransfer[] = ['clone', 'transfer', 'shared'];
const POOLS: readonly PoolKind[] = ['cold', 'warm'];

/** Every runner flag and its kind. */
const FLAGS = {
  task: 'value',
  mode: 'value',
  impl: 'value',
  workers: 'value',
  count: 'value',
  repeat: 'value',
  warmup: 'value',
  'io-ms': 'value',
  'cpu-iters': 'value',
  'task-module': 'value',
  'fs-bytes': 'value',
  'net-delay-ms': 'value',
  'net-bytes': 'value',
  'payload-bytes': 'value',
  'arg-transfer': 'value',
  way: 'value',
  'timeout-ms': 'value',
  out: 'value',
  label: 'value',
  upload: 'value',
  preset: 'value',
  'worker-env': 'value',
  clock: 'value',
  pool: 'value',
  'arrival-rate': 'value',
  arrival: 'value',
  'arrival-seed': 'value',
  fault: 'value',
  'async-cpu-max-workers': 'value',
  quick: 'switch',
  help: 'switch',
  quiet: 'switch',
} as const satisfies Record<string, FlagKind>;
/** Every runner flag's name, for checks that --help lists them all. */
export const RUNNER_FLAG_NAMES: readonly string[] = Object.keys(FLAGS);

type ValueFlag = { [K in keyof typeof FLAGS]: (typeof FLAGS)[K] extends 'value' ? K : never }[keyof typeof FLAGS];

/** `items` as comma lists wrapped to the help's width, each line after the first indented to its column. */
function wrapList(items: readonly string[], tail: string): string {
  const lines: string[] = [];
  let line = '';
  for (const item of [...items.map((x) => `${x},`), tail]) {
    if (line !== '' && 25 + line.length + 1 + item.length > USAGE_WIDTH) {
      lines.push(line);
      line = item;
    } else line = line === '' ? item : `${line} ${item}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(25)}`);
}

/** The help's width: it must read in an 80-column terminal with a little room, and does at 100. */
export const USAGE_WIDTH = 100;

/**
 * The --help text; `impls` lists this runtime's choices, `outDefault` says where files go without
 * --out, `extra` adds lines of the program that runs the runner (tvp's --runtime).
 */
export function usage(
  runner: string,
  impls: Record<WorkerMode, readonly Impl[]>,
  outDefault = 'results/ at the repository root',
  extra = '',
): string {
  const all = [...impls.threads, ...impls.processes];
  return `Usage: ${runner} [flags]

Runs the threads-vs-processes experiment on this runtime and writes one msgpack result file.
Every flag is optional: with none, the io and cpu tasks on 1..8 workers of each mode (minutes).

What to run
  --task io,cpu          task kinds: ${TASK_KINDS.join(', ')}, or all
                         (default io,cpu; module only with --task-module, which alone makes the
                         default module; payload only when named)
  --task-module PATH     your work as the task: a file whose default export is a function of one
                         argument (sync or async); optional exports name, arg (sent with every
                         call), bound ('cpu' or 'io': which ideal applies; default cpu)
  --arg-transfer clone   module task, threads, when arg is an ArrayBuffer or typed array: clone
                         (copied with each task), transfer (moved there and back), shared (one
                         SharedArrayBuffer per worker); worth a run each when arg is large (MBs)
  --fs-bytes ${DEFAULT_FS_BYTES}     fs task: size of the file each task reads (through libuv's pool)
  --net-delay-ms ${DEFAULT_NET_DELAY_MS}       net task: the loopback server's delay before it answers, ms
  --net-bytes ${DEFAULT_NET_BYTES}      net task: the size of its answer
  --payload-bytes 1k,64k,1m,16m
                         payload task (--task payload: when deciding how to send large data to
                         workers): the sizes each task carries there and back (bytes, or k/m for
                         KiB/MiB; at most 256m); it prints what moving costs per KB by each way
  --way W,...            payload task: ${wrapList(PAYLOAD_WAYS, 'or all (default all: each transport runs the ways it has)')}
  --io-ms 10             one io task's wait, ms (--preset article: 100)
  --cpu-iters 6000000    one cpu task's work, rounds of integer mixing (about 10 ms on the 2-core
                         machine the defaults were set on)

How
  --mode M,...           ${MODES.join(', ')}, or all (default all four)
  --impl I,...           ${wrapList(all, 'or all (every primitive; a pool library runs only when named)')}
                         (default ${impls.threads[0]},${impls.processes[0]})
  --workers standard     standard (1..8), extended (1,2,4,...,64) or a list like 1,2,4
  --count 100            tasks per hub run
  --repeat 4             measured runs per cell (--preset article: 5)
  --warmup 1             unmeasured runs first
  --timeout-ms 30000     a task (or a pool start) longer than this fails its cell
  --async-cpu-max-workers 2
                         async runs cpu at worker counts up to this only (more in flight on one
                         thread cannot run cpu work faster); all: at every count (--preset article)
  --quick                a small sweep in seconds: workers 1,2,4, 20 tasks, 3 repeats, io 10 ms,
                         cpu 2,000,000 rounds (to try a module or an install; --preset quick)
  --preset NAME          ${PRESETS.join(', ')} (article: the article's 100 ms tasks, 5 runs, every
                         cell: tens of minutes)
  --clock phases         phases (default): all workers ready before the first task, then work,
                         then teardown, each timed (the worker-cost figures need it); article: as
                         the article's hub, tasks start on each worker as it is ready, total from
                         creating the pool to the last exit (to compare with the article or CPython)
  --pool cold            cold (default): fresh workers for every hub run, the article's way;
                         warm: each worker cell starts its workers once, throws away --warmup
                         batches (at least 1), measures --repeat batches on the same live
                         workers and ends them once, as a server keeps its pool; cold,warm: both
  --worker-env inherit   inherit, or clean: start process workers without NODE_EXTRA_CA_CERTS
                         and NODE_OPTIONS (both slow process start; the choice is recorded)

Tasks arriving over time (for a server: how long does a request wait?)
  --arrival-rate R,...   after each cell's batch, tasks arriving at R tasks/s (each rate, every
                         cell): the larger of ${ARRIVAL_WARMUP_MIN} and 2 per worker warm-up arrivals, then --count
                         measured ones, --repeat runs; response-time percentiles, throughput,
                         sustained or not (off by default: it adds about count/R s per run)
  --arrival poisson      poisson (seeded exponential gaps) or fixed (exactly 1/R apart)
  --arrival-seed ${DEFAULT_ARRIVAL_SEED}       the poisson generator's seed (recorded; same schedule for every cell)

Output
  --out DIR              where the file goes (default: ${outDefault})
  --label NAME           machine label written in the file (default: the hostname)
  --upload URL           also POST the file to a report server (REPORT_TOKEN for auth)
  --quiet                no progress line
  --fault KIND           testing the harness: one task per hub run will ${FAULTS.join(', ')}
${extra}  --help                 this text

Exit status: 0 all cells ok, 1 some cell failed, 2 bad flags or a task module that cannot run
(nothing written), 130/143 stopped by SIGINT/SIGTERM (the cells finished so far are written).`;
}

function usageError(message: string): never {
  throw new UsageError(message);
}

function listOf<T extends string>(flag: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw === 'all' ? [...allowed] : raw.split(',').map((s) => s.trim());
  const out: T[] = [];
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw new UsageError(`--${flag}: unknown value '${item}'; accepted: ${allowed.join(', ')}, or all`);
    }
    if (!out.includes(item as T)) out.push(item as T);
  }
  if (out.length === 0) throw new UsageError(`--${flag}: empty list; accepted: ${allowed.join(', ')}, or all`);
  return out;
}

function integer(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
    throw new UsageError(`--${flag}: '${raw}' is not valid; expected ${range}`);
  }
  return n;
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 * 1024 };

/**
 * `--payload-bytes`: a comma list of sizes, each a whole number of bytes or of KiB (`k`) or MiB
 * (`m`), from 1 byte to MAX_PAYLOAD_BYTES; sorted, without repeats. Throws naming the bad value.
 */
export function parseSizes(raw: string): number[] {
  const out: number[] = [];
  for (const item of raw.split(',').map((s) => s.trim())) {
    const m = /^(\d+)([kKmM]?)$/.exec(item);
    const n = m ? Number(m[1]) * (UNITS[(m[2] as string).toLowerCase()] as number) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_PAYLOAD_BYTES) {
      throw new UsageError(
        `--payload-bytes: '${item}' is not a size; expected whole bytes or k/m (KiB/MiB), from 1 to 256m, e.g. 1k,64k,1m,16m`,
      );
    }
    if (!out.includes(n)) out.push(n);
  }
  return out.sort((a, b) => a - b);
}

/** `standard`, `extended`, or an explicit list of worker counts. */
export function parseWorkers(raw: string): { workers: number[]; workerSet: WorkerSet } {
  if (raw === 'standard') return { workers: [...STANDARD_WORKERS], workerSet: 'standard' };
  if (raw === 'extended') return { workers: [...EXTENDED_WORKERS], workerSet: 'extended' };
  const list = raw.split(',').map((s) => s.trim());
  const workers: number[] = [];
  for (const item of list) {
    const n = /^\d+$/.test(item) ? Number(item) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
      throw new UsageError(
        `--workers: '${item}' is not a worker count; expected standard, extended, or a comma list of whole numbers from 1 to ${MAX_WORKERS} (e.g. 1,2,4)`,
      );
    }
    if (!workers.includes(n)) workers.push(n);
  }
  return { workers: workers.sort((a, b) => a - b), workerSet: 'custom' };
}

function parseImpls(raw: string, impls: Record<WorkerMode, readonly Impl[]>, namedOnly: readonly Impl[]): Impl[] {
  const all = [...impls.threads, ...impls.processes];
  const items = listOf('impl', raw, all);
  return raw === 'all' ? items.filter((i) => !namedOnly.includes(i)) : items;
}

/** Parse and validate a runner's command line. Throws `UsageError` naming the flag. */
export function parseArgs(argv: readonly string[], ctx: ParseContext): CliRequest {
  const f = readFlags(argv, FLAGS);
  if (f.has('help')) return { kind: 'help' };
  const get = (name: ValueFlag) => f.get(name) as string | undefined;

  let presetName: PresetName = 'default';
  const p = get('preset');
  if (p !== undefined) presetName = listOf('preset', p, PRESETS)[0] as PresetName;
  if (f.has('quick')) {
    if (p !== undefined && p !== 'quick') throw new UsageError(`--quick and --preset ${p} contradict each other`);
    presetName = 'quick';
  }
  const base = preset(presetName);

  const raw = (name: ValueFlag, parse: (v: string) => number, fallback: number) => {
    const v = get(name);
    return v === undefined ? fallback : parse(v);
  };
  const tasks = taskList(get('task'), get('task-module'), base.tasks);
  const modes: Mode[] = get('mode') === undefined ? base.modes : listOf('mode', get('mode') as string, MODES);
  const w =
    get('workers') === undefined
      ? { workers: base.workers, workerSet: base.workerSet }
      : parseWorkers(get('workers') as string);
  const impls =
    get('impl') === undefined
      ? [ctx.impls.threads[0], ctx.impls.processes[0]].filter((x): x is Impl => !!x)
      : parseImpls(get('impl') as string, ctx.impls, ctx.namedOnly ?? []);
  const workerEnv =
    get('worker-env') === undefined
      ? 'inherit'
      : (listOf('worker-env', get('worker-env') as string, WORKER_ENVS)[0] as WorkerEnv);
  const clock = get('clock') === undefined ? base.clock : (listOf('clock', get('clock') as string, CLOCKS)[0] as Clock);
  const pools = get('pool') === undefined ? (['cold'] as PoolKind[]) : listOf('pool', get('pool') as string, POOLS);
  const fault = get('fault') === undefined ? undefined : (listOf('fault', get('fault') as string, FAULTS)[0] as Fault);
  const acm = get('async-cpu-max-workers');
  const asyncCpuMaxWorkers =
    acm === undefined
      ? base.asyncCpuMaxWorkers
      : acm === 'all'
        ? undefined
        : /^\d+$/.test(acm) && Number(acm) >= 1 && Number(acm) <= MAX_WORKERS
          ? Number(acm)
          : usageError(
              `--async-cpu-max-workers: '${acm}' is not valid; expected a whole number from 1 to ${MAX_WORKERS}, or all`,
            );

  const forTask = (flag: ValueFlag, task: TaskKind, fallback: number, max: number) => {
    const v = get(flag);
    if (v !== undefined && !tasks.includes(task))
      throw new UsageError(`--${flag} is for the ${task} task, which --task does not include`);
    return v === undefined ? fallback : integer(flag, v, 0, max);
  };
  const fsBytes = forTask('fs-bytes', 'fs', DEFAULT_FS_BYTES, 2 ** 31 - 1);
  const netDelayMs = forTask('net-delay-ms', 'net', DEFAULT_NET_DELAY_MS, 600_000);
  const netBytes = forTask('net-bytes', 'net', DEFAULT_NET_BYTES, 2 ** 30);
  const payloadRaw = get('payload-bytes');
  const wayRaw = get('way');
  for (const [flag, v] of [
    ['payload-bytes', payloadRaw],
    ['way', wayRaw],
  ] as const) {
    if (v !== undefined && !tasks.includes('payload'))
      throw new UsageError(`--${flag} is for the payload task, which --task does not include`);
  }
  const payloadSizes = payloadRaw === undefined ? [...DEFAULT_PAYLOAD_BYTES] : parseSizes(payloadRaw);
  const ways = wayRaw === undefined ? [...PAYLOAD_WAYS] : listOf<PayloadWay>('way', wayRaw, PAYLOAD_WAYS);
  const modulePath = get('task-module');
  const argTransferRaw = get('arg-transfer');
  const argTransfer =
    argTransferRaw === undefined
      ? undefined
      : (listOf('arg-transfer', argTransferRaw, ARG_TRANSFERS)[0] as ArgTransfer);
  if (argTransfer !== undefined && modulePath === undefined)
    throw new UsageError('--arg-transfer is for a --task-module whose arg is an ArrayBuffer or a typed array');
  if (argTransfer !== undefined && argTransfer !== 'clone' && modes.includes('processes'))
    throw new UsageError(
      `--arg-transfer ${argTransfer} moves or shares memory between threads only: processes always copy; add --mode threads (and sequential or async)`,
    );
  if (modulePath !== undefined && !existsSync(path.resolve(ctx.cwd ?? process.cwd(), modulePath))) {
    throw new UsageError(`--task-module: no such file: ${path.resolve(ctx.cwd ?? process.cwd(), modulePath)}`);
  }

  const config: RunConfig = {
    tasks,
    modes,
    impls,
    workers: w.workers,
    workerSet: w.workerSet,
    count: raw('count', (v) => integer('count', v, 1, 1_000_000), base.count),
    repeat: raw('repeat', (v) => integer('repeat', v, 1, 1000), base.repeat),
    warmup: raw('warmup', (v) => integer('warmup', v, 0, 1000), base.warmup),
    ioMs: raw('io-ms', (v) => integer('io-ms', v, 0, 600_000), base.ioMs),
    cpuIters: raw('cpu-iters', (v) => integer('cpu-iters', v, 0, 2 ** 40), base.cpuIters),
    timeoutMs: raw('timeout-ms', (v) => integer('timeout-ms', v, 1, 86_400_000), base.timeoutMs),
    workerEnv,
    preset: presetName,
    clock,
    // Recorded only where it applies, so that a file says which async cpu cells were left out.
    ...(asyncCpuMaxWorkers !== undefined && tasks.includes('cpu') && modes.includes('async')
      ? { asyncCpuMaxWorkers }
      : {}),
    ...(fault ? { fault } : {}),
    // Written only when a warm pool ran: absent means cold, as in every file before warm pools.
    ...(pools.includes('warm') ? { pools } : {}),
    ...arrivalOf(get('arrival-rate'), get('arrival'), get('arrival-seed')),
    ...(tasks.includes('fs') ? { fsBytes } : {}),
    ...(tasks.includes('net') ? { netDelayMs, netBytes } : {}),
    ...(tasks.includes('payload') ? { payloadBytes: payloadSizes, ways } : {}),
    ...(argTransfer ? { argTransfer } : {}),
  };
  const workerModes = modes.filter((m): m is WorkerMode => m === 'threads' || m === 'processes');
  for (const m of workerModes) {
    if (!impls.some((i) => ctx.impls[m].includes(i))) {
      throw new UsageError(
        `--impl: none of ${impls.join(', ')} runs mode ${m}; accepted for ${m}: ${ctx.impls[m].join(', ')}`,
      );
    }
  }
  const out = get('out');
  if (out === '') throw new UsageError('--out: empty path');
  const label = get('label') ?? os.hostname();
  if (!/^[\w.@:+-]{1,64}$/.test(label)) {
    throw new UsageError(`--label: '${label}' is not valid; expected 1 to 64 letters, digits or . _ - @ : +`);
  }
  const upload = get('upload');
  if (upload !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(upload);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new UsageError(`--upload: '${upload}' is not an http(s) URL (e.g. http://127.0.0.1:8080)`);
    }
  }
  return {
    kind: 'run',
    config,
    out: out === undefined ? ctx.defaultOut : path.resolve(ctx.cwd ?? process.cwd(), out),
    label,
    ...(upload ? { upload } : {}),
    quiet: f.has('quiet'),
    ...(modulePath !== undefined ? { taskModulePath: path.resolve(ctx.cwd ?? process.cwd(), modulePath) } : {}),
  };
}

const ARRIVAL_KINDS: readonly ArrivalKind[] = ['poisson', 'fixed'];

/** One spacing: `all` or a list is no spacing. */
function arrivalKind(raw: string): ArrivalKind {
  if (!ARRIVAL_KINDS.includes(raw as ArrivalKind)) {
    throw new UsageError(`--arrival: unknown value '${raw}'; accepted: ${ARRIVAL_KINDS.join(', ')}`);
  }
  return raw as ArrivalKind;
}

/** `--arrival-rate`, `--arrival` and `--arrival-seed` as `config.arrival`; the last two need the first. */
function arrivalOf(
  rates: string | undefined,
  kind: string | undefined,
  seed: string | undefined,
): { arrival?: ArrivalConfig } {
  if (rates === undefined) {
    if (kind !== undefined) throw new UsageError('--arrival needs --arrival-rate (tasks per second, e.g. 50,100)');
    if (seed !== undefined) throw new UsageError('--arrival-seed needs --arrival-rate (tasks per second, e.g. 50,100)');
    return {};
  }
  const list: number[] = [];
  for (const item of rates.split(',').map((x) => x.trim())) {
    const n = /^\d+(\.\d+)?$/.test(item) ? Number(item) : Number.NaN;
    if (!(n >= MIN_ARRIVAL_RATE && n <= MAX_ARRIVAL_RATE)) {
      throw new UsageError(
        `--arrival-rate: '${item}' is not a rate; expected tasks per second from ${MIN_ARRIVAL_RATE} to ${MAX_ARRIVAL_RATE}, comma-separated (e.g. 50,100,200)`,
      );
    }
    if (!list.includes(n)) list.push(n);
  }
  if (list.length > MAX_ARRIVAL_RATES) {
    throw new UsageError(`--arrival-rate: ${list.length} rates, more than the ${MAX_ARRIVAL_RATES} allowed`);
  }
  return {
    arrival: {
      rates: list,
      kind: kind === undefined ? 'poisson' : arrivalKind(kind),
      seed: seed === undefined ? DEFAULT_ARRIVAL_SEED : integer('arrival-seed', seed, 0, 2 ** 32 - 1),
      warmupMin: ARRIVAL_WARMUP_MIN,
      warmupPerWorker: ARRIVAL_WARMUP_PER_WORKER,
      sustainShare: ARRIVAL_SUSTAIN_SHARE,
    },
  };
}

/**
 * Every way to name a task, for an unknown `--task` value: the kinds, `all`, and the user's own
 * function, which is named by `--task-module PATH` (with or without `module` in the list).
 */
function unknownTask(item: string): string {
  const near = [...TASK_KINDS, 'all'].find((t) => closeTo(item, t));
  return `--task: unknown value '${item}'${near ? ` (did you mean ${near}?)` : ''}; ${ACCEPTED_TASKS}`;
}

/** Every way to name a task, as the errors of `--task` say it. */
const ACCEPTED_TASKS = `accepted: ${TASK_KINDS.filter((t) => t !== 'module').join(', ')}, all (every kind but payload), and module: your own function, given by --task-module PATH (alone it runs only your module; with --task module,cpu others beside it)`;

/** A likely misspelling: a prefix of at least 3 letters, or one edit away (a letter wrong, missing, extra or two swapped). */
function closeTo(typed: string, name: string): boolean {
  const a = typed.toLowerCase();
  if (a === name) return false;
  if (a.length >= 3 && name.startsWith(a)) return true;
  if (Math.abs(a.length - name.length) > 1 || a.length < 2) return false;
  // One edit: skip the first differing character on the longer side (or both when equal length).
  let i = 0;
  while (i < a.length && i < name.length && a[i] === name[i]) i++;
  const rest = (x: string, skip: number) => x.slice(i + skip);
  if (a.length === name.length) {
    const swapped = a[i] === name[i + 1] && a[i + 1] === name[i] && rest(a, 2) === rest(name, 2);
    return swapped || rest(a, 1) === rest(name, 1);
  }
  return a.length > name.length ? rest(a, 1) === rest(name, 0) : rest(a, 0) === rest(name, 1);
}

/**
 * The task list: `--task`, else the preset's, else only `module` when `--task-module` is given.
 * `module` needs `--task-module`, and `--task-module` needs `module` in the list; `all` has it
 * only with a module.
 */
function taskList(raw: string | undefined, modulePath: string | undefined, fallback: readonly TaskKind[]): TaskKind[] {
  if (raw === undefined) return modulePath === undefined ? [...fallback] : ['module'];
  const allowed = modulePath === undefined ? TASK_KINDS.filter((t) => t !== 'module') : TASK_KINDS;
  const items = raw === 'all' ? [] : raw.split(',').map((t) => t.trim());
  if (modulePath === undefined && items.includes('module')) {
    throw new UsageError('--task module needs --task-module PATH (the file whose default export is the task)');
  }
  const unknown = items.find((t) => t !== '' && !TASK_KINDS.includes(t as TaskKind));
  if (unknown !== undefined) throw new UsageError(unknownTask(unknown));
  if (raw !== 'all' && items.every((t) => t === '')) throw new UsageError(`--task: empty list; ${ACCEPTED_TASKS}`);
  // `all` leaves payload out: it moves up to megabytes per task by every way, a sweep of its own.
  const tasks = listOf('task', raw, allowed).filter((t) => raw !== 'all' || t !== 'payload');
  if (modulePath !== undefined && !tasks.includes('module')) {
    throw new UsageError(`--task-module is given but --task ${raw} does not include module`);
  }
  return tasks;
}
