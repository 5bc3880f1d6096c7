import type { LoopDelayMethod, Sample } from '@tvp/core';
import { PythonError } from './errors.ts';

/** The first line: which Python this is. */
export interface HelloLine {
  t: 'hello';
  implementation: string;
  version: string;
  compiler: string;
  gil: 'enabled' | 'disabled';
  freeThreadedBuild: boolean;
  executable: string;
  defaultStartMethod: string;
  pid: number;
}
/** The cpu rounds Python chose to match the JavaScript task's time (0 without cpu). */
export interface CalibratedLine {
  t: 'calibrated';
  rounds: number;
  nsPerRound: number;
}
/** Python's expected cpu answers, task by task, checked against core's cpuWork. */
export interface AnswersLine {
  t: 'answers';
  task: 'cpu';
  rounds: number;
  values: number[];
}
/** A run of a cell begins. */
export interface ProgressLine {
  t: 'progress';
  cell: number;
  run: number;
}
/** A measured run's phases (and memory per worker on pools), and how late the hub ran during its work. */
export interface SampleLine extends Sample {
  t: 'sample';
  cell: number;
  rssBytesPerWorker?: number;
  /** Each tick's delay during the work phase, ms; with its sampler's interval and method. */
  delaysMs?: number[];
  delayIntervalMs?: number;
  delayMethod?: LoopDelayMethod;
}
/**
 * A measured run's per-task stamps, ms on CLOCK_MONOTONIC (time.monotonic_ns, one clock for every
 * process): when the tasks were submitted, and per task when it started, ended and was received.
 */
export interface TasksLine {
  t: 'tasks';
  cell: number;
  submittedAt: number;
  started: number[];
  done: number[];
  received: number[];
}
/** A measured round-trip yardstick run, µs per ping. */
export interface RoundTripLine {
  t: 'roundtrip';
  cell: number;
  us: number;
}
/** A warm cell's one start of its workers and one shutdown, before its cell line. */
export interface WarmLine {
  t: 'warm';
  cell: number;
  spawnMs: number;
  teardownMs: number;
}
/** A cell ended. */
export interface CellLine {
  t: 'cell';
  cell: number;
  status: 'ok' | 'failed';
  error?: string;
}
/** The sweep ended. */
export interface EndLine {
  t: 'end';
}

/** Every line the Python program may write. */
export type PyLine =
  | HelloLine
  | CalibratedLine
  | AnswersLine
  | ProgressLine
  | SampleLine
  | TasksLine
  | RoundTripLine
  | WarmLine
  | CellLine
  | EndLine;

type Kind = 'string' | 'boolean' | 'count' | 'ms' | 'ms[]' | 'uint32[]';
type Shape = Record<string, Kind>;

const SHAPES: Record<PyLine['t'], { required: Shape; optional?: Shape }> = {
  hello: {
    required: {
      implementation: 'string',
      version: 'string',
      compiler: 'string',
      gil: 'string',
      freeThreadedBuild: 'boolean',
      executable: 'string',
      defaultStartMethod: 'string',
      pid: 'count',
    },
  },
  calibrated: { required: { rounds: 'count', nsPerRound: 'ms' } },
  answers: { required: { task: 'string', rounds: 'count', values: 'uint32[]' } },
  progress: { required: { cell: 'count', run: 'count' } },
  sample: {
    required: { cell: 'count', totalMs: 'ms', spawnMs: 'ms', workMs: 'ms', teardownMs: 'ms' },
    optional: {
      rssBytesPerWorker: 'count',
      readyAtMs: 'ms',
      delaysMs: 'ms[]',
      delayIntervalMs: 'ms',
      delayMethod: 'string',
    },
  },
  tasks: { required: { cell: 'count', submittedAt: 'ms', started: 'ms[]', done: 'ms[]', received: 'ms[]' } },
  roundtrip: { required: { cell: 'count', us: 'ms' } },
  warm: { required: { cell: 'count', spawnMs: 'ms', teardownMs: 'ms' } },
  cell: { required: { cell: 'count', status: 'string' }, optional: { error: 'string' } },
  end: { required: {} },
};

/** The fixed values of some string fields. */
const ONE_OF: Record<string, readonly string[]> = {
  gil: ['enabled', 'disabled'],
  status: ['ok', 'failed'],
  task: ['cpu'],
  delayMethod: ['asyncio-timer', 'thread-wakeup'],
};

/** Items in a list of times (a run's delays, a run's task stamps): a 1 ms sampler over 1,000 s of work. */
export const MAX_MS_LIST = 1_000_000;

const UINT32_MAX = 0xffff_ffff;

function fits(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'count':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
    case 'ms':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0;
    case 'ms[]':
      return Array.isArray(v) && v.length <= MAX_MS_LIST && v.every((x) => fits('ms', x));
    case 'uint32[]':
      return Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0 && x <= UINT32_MAX);
  }
}

const EXPECTED: Record<Kind, string> = {
  string: 'a string',
  boolean: 'true or false',
  count: 'a whole number of at least 0',
  ms: 'a finite number of at least 0',
  'ms[]': `a list of finite numbers of at least 0 (at most ${MAX_MS_LIST.toLocaleString('en-US')})`,
  'uint32[]': 'a list of 32-bit unsigned integers',
};

/** A line as it appears in a message: short enough to read. */
export const quote = (line: string): string => JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}...` : line);

/**
 * Parse and validate one line of the Python program's output: JSON, a known `t`, exactly the
 * fields of that kind, each of its type, every number finite. Throws PythonError naming the line
 * and what is wrong with it.
 */
export function parseLine(line: string, lineNo: number): PyLine {
  const bad = (why: string): never => {
    throw new PythonError(`python output line ${lineNo} ${quote(line)}: ${why}`);
  };
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return bad('not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad('expected a JSON object');
  const o = v as Record<string, unknown>;
  const t = o.t;
  if (typeof t !== 'string' || !Object.hasOwn(SHAPES, t)) {
    return bad(`unknown line kind ${JSON.stringify(t)}; expected one of ${Object.keys(SHAPES).join(', ')}`);
  }
  const { required, optional = {} } = SHAPES[t as PyLine['t']];
  for (const key of Object.keys(o)) {
    if (key !== 't' && !Object.hasOwn(required, key) && !Object.hasOwn(optional, key))
      bad(`unexpected field '${key}' in a ${t} line`);
  }
  for (const [key, kind] of [...Object.entries(required), ...Object.entries(optional)]) {
    const present = Object.hasOwn(o, key);
    if (!present) {
      if (Object.hasOwn(required, key)) bad(`missing field '${key}' (${EXPECTED[kind]})`);
      continue;
    }
    if (!fits(kind, o[key])) bad(`field '${key}' is ${JSON.stringify(o[key])}; expected ${EXPECTED[kind]}`);
    const allowed = ONE_OF[key];
    if (allowed && !allowed.includes(o[key] as string)) bad(`field '${key}' must be one of ${allowed.join(', ')}`);
  }
  if (t === 'sample') {
    const given = ['delaysMs', 'delayIntervalMs', 'delayMethod'].filter((k) => Object.hasOwn(o, k));
    if (given.length !== 0 && given.length !== 3) bad('delaysMs, delayIntervalMs and delayMethod come together');
    if (o.delayIntervalMs === 0) bad("field 'delayIntervalMs' must be above 0");
    const s = o as unknown as Sample;
    // The article's time is the three phases together; a sum that disagrees is a broken writer.
    const sum = s.spawnMs + s.workMs + s.teardownMs;
    if (Math.abs(sum - s.totalMs) > 1e-6 * Math.max(1, s.totalMs)) {
      bad(`totalMs ${s.totalMs} is not spawnMs + workMs + teardownMs (${sum})`);
    }
  }
  return o as unknown as PyLine;
}
