import { Packr, Unpackr } from 'msgpackr';
import { at, describe, FieldReader, members, path } from './codec-reader.ts';
import { plainMsgpackProblem } from './codec-scan.ts';
import {
  MAX_CELLS,
  MAX_ENV_VARS,
  MAX_LIST_ITEMS,
  MAX_NESTING,
  MAX_ROUND_TRIPS,
  MAX_SAMPLES,
  MAX_WARNINGS,
  MAX_WORKERS,
  RUN_ID_PATTERN,
  SCHEMA_VERSION,
} from './constants.ts';
import { PRESETS } from './presets.ts';
import type {
  Cell,
  Env,
  Fault,
  Mode,
  ResultFile,
  RoundTrip,
  RunConfig,
  Sample,
  TaskKind,
  WorkerEnv,
  WorkerMode,
  WorkerSet,
} from './types.ts';

// The portable form (TOOLCHAIN.md): plain maps, no shared record structures, the same bytes on
// every runtime, readable by any msgpack library.
const packr = new Packr({ useRecords: false, encodeUndefinedAsNil: true });
// structuredClone: false refuses msgpackr's reference extension, with which a small file stands
// for a huge tree (one cell referenced thousands of times). int64AsType: 'number' reads the
// uint64 / int64 that other msgpack libraries write for large integers as numbers, not BigInts;
// the field checks then refuse any that a number cannot hold exactly.
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, structuredClone: false, int64AsType: 'number' });

/** Encode a result file. Undefined optional fields are dropped, not written as nil. */
export function encodeResult(result: ResultFile): Uint8Array {
  return packr.pack(JSON.parse(JSON.stringify(result)));
}

/**
 * The one reader of result files: decode msgpack and validate every field. Refuses an unknown
 * `schemaVersion`, a truncated, foreign or oversized file, with an error that names `file` and
 * the field. Costs time and memory in proportion to the size of `bytes`, whatever they hold.
 */
export function decodeResult(bytes: Uint8Array, file: string): ResultFile {
  const r = new FieldReader(file);
  // Checked before msgpackr builds anything: no extensions, bounded nesting, nothing truncated.
  const problem = plainMsgpackProblem(bytes, MAX_NESTING);
  if (problem !== undefined) r.fail('', `not a msgpack result file (${problem})`);
  let raw: unknown;
  try {
    raw = unpackr.unpack(bytes);
  } catch (err) {
    r.fail('', `not a msgpack result file (${err instanceof Error ? err.message : String(err)})`);
  }
  return readResult(r, raw);
}

const TASKS = members<TaskKind>({ io: true, cpu: true, noop: true });
const MODES = members<Mode>({ threads: true, processes: true, sequential: true, async: true });
const WORKER_MODES = members<WorkerMode>({ threads: true, processes: true });
const STATUSES = members<Cell['status']>({ ok: true, failed: true });
const WORKER_SETS = members<WorkerSet>({ standard: true, extended: true, custom: true });
const WORKER_ENVS = members<WorkerEnv>({ inherit: true, clean: true });
const FAULTS = members<Fault>({ throw: true, exit: true, hang: true });

function readResult(r: FieldReader, raw: unknown): ResultFile {
  const o = r.map(raw, '(top level)');
  if (o.schemaVersion !== SCHEMA_VERSION) {
    r.fail(
      'schemaVersion',
      `unsupported schema version ${typeof o.schemaVersion === 'number' ? o.schemaVersion : describe(o.schemaVersion)} (this reader knows ${SCHEMA_VERSION})`,
    );
  }
  const required: ResultFile = {
    schemaVersion: SCHEMA_VERSION,
    id: readId(r, at(o, 'id')),
    createdAt: readCreatedAt(r, at(o, 'createdAt')),
    tool: readTool(r, at(o, 'tool'), 'tool'),
    env: readEnv(r, at(o, 'env'), 'env'),
    config: readConfig(r, at(o, 'config'), 'config'),
    cells: r.list(at(o, 'cells'), 'cells', MAX_CELLS, (v, f) => readCell(r, v, f)),
  };
  return {
    ...required,
    ...r.optional<ResultFile>(o, '', {
      roundTrips: (v, f) => r.list(v, f, MAX_ROUND_TRIPS, (x, g) => readRoundTrip(r, x, g)),
      durationMs: (v, f) => r.num(v, f, 0),
      interrupted: (v, f) => r.bool(v, f),
      warnings: (v, f) => r.list(v, f, MAX_WARNINGS, (x, g) => r.str(x, g)),
    }),
  };
}

function readId(r: FieldReader, v: unknown): string {
  const id = r.str(v, 'id');
  if (id === '') r.fail('id', 'must not be empty');
  if (!RUN_ID_PATTERN.test(id)) {
    r.fail('id', `expected 1 to 64 letters, digits, '-', '_' or '.', not starting with '.', got ${describe(id)}`);
  }
  return id;
}

// What Date.prototype.toISOString writes, with 0 to 9 digits of a second: UTC only.
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

function readCreatedAt(r: FieldReader, v: unknown): string {
  const s = r.str(v, 'createdAt');
  const m = ISO_UTC.exec(s);
  const [y, mo, d, h, mi, sec] = (m ?? []).slice(1, 7).map(Number) as number[];
  // Date.UTC rolls a day 31 of a 30-day month over: a real time reads back the same fields.
  const t = m ? new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, sec!)) : undefined;
  const real =
    t !== undefined &&
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === mo! - 1 &&
    t.getUTCDate() === d &&
    t.getUTCHours() === h &&
    t.getUTCMinutes() === mi &&
    t.getUTCSeconds() === sec;
  if (!real) r.fail('createdAt', `not an ISO-8601 time in UTC (like 2026-11-25T20:00:00.000Z): ${describe(s)}`);
  return s;
}

function readTool(r: FieldReader, v: unknown, f: string): ResultFile['tool'] {
  const o = r.map(v, f);
  return {
    name: r.str(at(o, 'name'), path(f, 'name')),
    version: r.str(at(o, 'version'), path(f, 'version')),
    ...r.optional<ResultFile['tool']>(o, f, { gitSha: (x, g) => r.str(x, g) }),
  };
}

function readEnv(r: FieldReader, v: unknown, f: string): Env {
  const o = r.map(v, f);
  const str = (key: string) => r.str(at(o, key), path(f, key));
  const loadavg = (key: string) => r.list(at(o, key), path(f, key), MAX_LIST_ITEMS, (x, g) => r.num(x, g));
  return {
    runtime: str('runtime'),
    runtimeVersion: str('runtimeVersion'),
    os: str('os'),
    arch: str('arch'),
    kernel: str('kernel'),
    cpuModel: str('cpuModel'),
    cores: r.int(at(o, 'cores'), path(f, 'cores'), 1),
    availableParallelism: r.int(at(o, 'availableParallelism'), path(f, 'availableParallelism'), 1),
    memoryBytes: r.int(at(o, 'memoryBytes'), path(f, 'memoryBytes'), 0),
    hostname: str('hostname'),
    label: str('label'),
    loadavgStart: loadavg('loadavgStart'),
    loadavgEnd: loadavg('loadavgEnd'),
    vars: readVars(r, at(o, 'vars'), path(f, 'vars')),
    ...r.optional<Env>(o, f, { otherCpuShare: (x, g) => r.num(x, g, 0) }),
  };
}

// A variable's name: printable ASCII without '=' or a space, as every shell can set.
const VAR_NAME = /^[\x21-\x3c\x3e-\x7e]{1,256}$/;

function readVars(r: FieldReader, v: unknown, f: string): Record<string, string> {
  const entries = Object.entries(r.map(v, f));
  if (entries.length > MAX_ENV_VARS) r.fail(f, `${entries.length} variables, more than the ${MAX_ENV_VARS} allowed`);
  const vars: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!VAR_NAME.test(name) || name === '__proto__') r.fail(f, `not a variable name: ${describe(name)}`);
    vars[name] = r.str(value, path(f, name));
  }
  return vars;
}

function readConfig(r: FieldReader, v: unknown, f: string): RunConfig {
  const o = r.map(v, f);
  const field = (key: string) => [at(o, key), path(f, key)] as const;
  // Older files lack these: read them as what those runners did.
  const orDefault = <T>(key: string, fallback: T, read: (x: unknown, g: string) => T): T => {
    const x = at(o, key);
    return x === undefined || x === null ? fallback : read(x, path(f, key));
  };
  return {
    tasks: r.list(...field('tasks'), MAX_LIST_ITEMS, (x, g) => r.oneOf(x, g, TASKS)),
    modes: r.list(...field('modes'), MAX_LIST_ITEMS, (x, g) => r.oneOf(x, g, MODES)),
    impls: orDefault('impls', [], (x, g) => r.list(x, g, MAX_LIST_ITEMS, (y, h) => r.str(y, h))),
    workers: r.list(...field('workers'), MAX_WORKERS, (x, g) => r.int(x, g, 1, MAX_WORKERS)),
    workerSet: orDefault<WorkerSet>('workerSet', 'custom', (x, g) => r.oneOf(x, g, WORKER_SETS)),
    count: r.int(...field('count'), 1),
    repeat: r.int(...field('repeat'), 1),
    warmup: r.int(...field('warmup'), 0),
    ioMs: r.num(...field('ioMs'), 0),
    cpuIters: r.int(...field('cpuIters'), 0),
    timeoutMs: r.num(...field('timeoutMs'), 0),
    workerEnv: orDefault<WorkerEnv>('workerEnv', 'inherit', (x, g) => r.oneOf(x, g, WORKER_ENVS)),
    preset: orDefault<RunConfig['preset']>('preset', 'default', (x, g) => r.oneOf(x, g, PRESETS)),
    ...r.optional<RunConfig>(o, f, { fault: (x, g) => r.oneOf(x, g, FAULTS) }),
  };
}

function readCell(r: FieldReader, v: unknown, f: string): Cell {
  const o = r.map(v, f);
  const cell: Cell = {
    task: r.oneOf(at(o, 'task'), path(f, 'task'), TASKS),
    mode: r.oneOf(at(o, 'mode'), path(f, 'mode'), MODES),
    impl: r.str(at(o, 'impl'), path(f, 'impl')),
    workers: r.int(at(o, 'workers'), path(f, 'workers'), 1, MAX_WORKERS),
    status: r.oneOf(at(o, 'status'), path(f, 'status'), STATUSES),
    samples: r.list(at(o, 'samples'), path(f, 'samples'), MAX_SAMPLES, (x, g) => readSample(r, x, g)),
    ...r.optional<Cell>(o, f, {
      error: (x, g) => r.str(x, g),
      rssBytesPerWorker: (x, g) => r.num(x, g, 0),
    }),
  };
  if (cell.status === 'ok' && cell.samples.length === 0) {
    r.fail(path(f, 'samples'), 'an ok cell needs at least one sample');
  }
  return cell;
}

function readSample(r: FieldReader, v: unknown, f: string): Sample {
  const o = r.map(v, f);
  return {
    totalMs: r.num(at(o, 'totalMs'), path(f, 'totalMs'), 0),
    spawnMs: r.num(at(o, 'spawnMs'), path(f, 'spawnMs'), 0),
    workMs: r.num(at(o, 'workMs'), path(f, 'workMs'), 0),
    teardownMs: r.num(at(o, 'teardownMs'), path(f, 'teardownMs'), 0),
  };
}

function readRoundTrip(r: FieldReader, v: unknown, f: string): RoundTrip {
  const o = r.map(v, f);
  return {
    mode: r.oneOf(at(o, 'mode'), path(f, 'mode'), WORKER_MODES),
    impl: r.str(at(o, 'impl'), path(f, 'impl')),
    samplesUs: r.list(at(o, 'samplesUs'), path(f, 'samplesUs'), MAX_SAMPLES, (x, g) => r.num(x, g)),
  };
}
