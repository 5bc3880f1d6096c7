import { fileURLToPath } from 'node:url';
import type {
  ArgTransfer,
  ArrivalKind,
  Clock,
  Impl,
  Mode,
  PayloadWay,
  PoolKind,
  PresetName,
  SweepProgress,
  TaskKind,
  WorkerEnv,
} from '@tvp/core';

/** What `measure()` takes: the sweep options of `tvp run`, as values, plus what only code can give. */
export interface MeasureOptions {
  /** Your task: a module whose default export is a function of one argument (as `--task-module`). */
  module?: URL | string;
  /** Task kinds; default `['module']` with `module`, else `['io', 'cpu']`. */
  tasks?: readonly TaskKind[];
  /** Default: all four (`threads`, `processes`, `sequential`, `async`). */
  modes?: readonly Mode[];
  /** The primitives behind `threads` and `processes`; default this runtime's pair. */
  impls?: readonly Impl[];
  /** Worker counts: a list like `[1, 2, 4]`, or `'standard'` (1..8), `'extended'` (1, 2, 4, ..., 64). */
  workers?: readonly number[] | 'standard' | 'extended';
  /** Tasks per hub run. */
  count?: number;
  /** Measured runs per cell. */
  repeat?: number;
  /** Unmeasured runs per cell, first. */
  warmup?: number;
  ioMs?: number;
  cpuIters?: number;
  fsBytes?: number;
  netDelayMs?: number;
  netBytes?: number;
  /** payload task: the sizes each task carries, bytes. */
  payloadBytes?: readonly number[];
  /** payload task: the ways of moving it. */
  ways?: readonly PayloadWay[];
  /** How a thread worker gets its argument: `clone`, `transfer` or `shared`. */
  argTransfer?: ArgTransfer;
  /** A task (or a pool start) longer than this fails its cell. */
  timeoutMs?: number;
  /** `phases` (start, then work, then stop) or `article` (tasks start on each worker as it is ready). */
  clock?: Clock;
  /**
   * Pool lifetimes per worker cell: `['cold']` (default, the article's way: fresh workers per run),
   * `['warm']` (workers kept across the cell's runs, as a server keeps its pool), or both.
   */
  pools?: readonly PoolKind[];
  /** Tasks arriving over time: the rates, tasks per second. */
  arrivalRate?: readonly number[];
  /** How they arrive: `poisson` or `fixed`. */
  arrival?: ArrivalKind;
  arrivalSeed?: number;
  /** `quick`: workers 1, 2, 4, 20 tasks, 3 runs (seconds); `article`: the article's 100 ms tasks. */
  preset?: PresetName;
  /** The machine label written in the result; default the hostname. */
  label?: string;
  /** `clean` starts process workers without NODE_EXTRA_CA_CERTS and NODE_OPTIONS. */
  workerEnv?: WorkerEnv;
  /** Also write the result file into this folder (as `tvp run --out`); nothing is written without it. */
  out?: URL | string;
  /** Aborting kills every worker of this sweep; `measure` then rejects with a `MeasureAborted`. */
  signal?: AbortSignal;
  /** Called as the sweep moves from run to run. */
  onProgress?: (progress: SweepProgress) => void;
}

/** An option `measure()` cannot take: `option` names it, the message says what it accepts. */
export class MeasureOptionError extends TypeError {
  override name = 'MeasureOptionError';
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

const bad = (option: string, detail: string) => new MeasureOptionError(option, `options.${option} ${detail}`);

type Key = keyof MeasureOptions;
// Each option and the flag it becomes ('' for those that are not flags).
const FLAG_OF: Record<Key, string> = {
  module: 'task-module',
  tasks: 'task',
  modes: 'mode',
  impls: 'impl',
  workers: 'workers',
  count: 'count',
  repeat: 'repeat',
  warmup: 'warmup',
  ioMs: 'io-ms',
  cpuIters: 'cpu-iters',
  fsBytes: 'fs-bytes',
  netDelayMs: 'net-delay-ms',
  netBytes: 'net-bytes',
  payloadBytes: 'payload-bytes',
  ways: 'way',
  argTransfer: 'arg-transfer',
  timeoutMs: 'timeout-ms',
  clock: 'clock',
  pools: 'pool',
  arrivalRate: 'arrival-rate',
  arrival: 'arrival',
  arrivalSeed: 'arrival-seed',
  preset: 'preset',
  label: 'label',
  workerEnv: 'worker-env',
  out: 'out',
  signal: '',
  onProgress: '',
};
const NUMBERS: readonly Key[] = [
  'count',
  'repeat',
  'warmup',
  'ioMs',
  'cpuIters',
  'fsBytes',
  'netDelayMs',
  'netBytes',
  'timeoutMs',
  'arrivalSeed',
];
const LISTS: readonly Key[] = ['tasks', 'modes', 'impls', 'ways', 'pools'];
// Lists of numbers: payload sizes in bytes (whole), arrival rates (per second, may be fractions).
const NUMBER_LISTS: readonly Key[] = ['payloadBytes', 'arrivalRate'];
const STRINGS: readonly Key[] = ['preset', 'label', 'workerEnv', 'argTransfer', 'clock', 'arrival'];

const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : typeof v === 'object' ? 'an object' : String(v));

/** A file URL or path as a path; anything else is the option's error. */
function pathOf(option: Key, v: unknown): string {
  if (v instanceof URL) {
    if (v.protocol !== 'file:') throw bad(option, `must be a file: URL or a path, got ${v.href}`);
    return fileURLToPath(v);
  }
  if (typeof v === 'string' && v !== '') return v.startsWith('file:') ? fileURLToPath(v) : v;
  throw bad(option, `must be a file: URL or a path, got ${show(v)}`);
}

/**
 * The options as the runner's flags, checked for their types here; their values are checked by
 * core's parser, whose messages `optionError` turns back into option names. Unknown keys are refused.
 */
export function optionsToArgv(o: MeasureOptions): string[] {
  if (typeof o !== 'object' || o === null) throw bad('(options)', 'must be an object');
  const argv: string[] = ['--quiet'];
  for (const [key, v] of Object.entries(o) as [Key, unknown][]) {
    if (!(key in FLAG_OF)) throw bad(key, `is not an option of measure(); known: ${Object.keys(FLAG_OF).join(', ')}`);
    if (v === undefined) continue;
    const flag = `--${FLAG_OF[key]}`;
    if (key === 'module' || key === 'out') argv.push(flag, pathOf(key, v));
    else if (key === 'workers') {
      if (v === 'standard' || v === 'extended') argv.push(flag, v);
      else if (Array.isArray(v) && v.length > 0 && v.every((n) => Number.isInteger(n))) argv.push(flag, v.join(','));
      else throw bad(key, `must be a non-empty list of whole numbers, 'standard' or 'extended', got ${show(v)}`);
    } else if (NUMBERS.includes(key)) {
      if (!Number.isSafeInteger(v)) throw bad(key, `must be a whole number, got ${show(v)}`);
      argv.push(flag, String(v));
    } else if (NUMBER_LISTS.includes(key)) {
      const whole = key === 'payloadBytes';
      if (
        !Array.isArray(v) ||
        v.length === 0 ||
        !v.every((n) => (whole ? Number.isSafeInteger(n) : Number.isFinite(n)))
      )
        throw bad(key, `must be a non-empty list of ${whole ? 'whole ' : ''}numbers, got ${show(v)}`);
      argv.push(flag, v.join(','));
    } else if (LISTS.includes(key)) {
      if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === 'string' && /^[\w-]+$/.test(s)))
        throw bad(key, `must be a non-empty list of names, got ${show(v)}`);
      argv.push(flag, v.join(','));
    } else if (STRINGS.includes(key)) {
      if (typeof v !== 'string') throw bad(key, `must be a string, got ${show(v)}`);
      argv.push(flag, v);
    } else if (key === 'signal' && !(v instanceof AbortSignal))
      throw bad(key, `must be an AbortSignal, got ${show(v)}`);
    else if (key === 'onProgress' && typeof v !== 'function') throw bad(key, `must be a function, got ${show(v)}`);
  }
  return argv;
}

/** Core's message about `--flag` as the option's error: `--io-ms: '-1' …` becomes options.ioMs. */
export function optionError(message: string): MeasureOptionError {
  const keyOf = new Map(Object.entries(FLAG_OF).map(([k, f]) => [f, k]));
  let first: string | undefined;
  const text = message.replace(/--([a-z][a-z-]*)/g, (m, flag: string) => {
    const key = keyOf.get(flag);
    if (key === undefined || key === '') return m;
    first ??= key;
    return `options.${key}`;
  });
  return new MeasureOptionError(first ?? '(options)', text);
}
