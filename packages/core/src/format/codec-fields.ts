import {
  MAX_CELLS,
  MAX_ENV_VARS,
  MAX_LIST_ITEMS,
  MAX_ROUND_TRIPS,
  MAX_SAMPLES,
  MAX_WARNINGS,
  MAX_WORKERS,
  PRESETS,
  RUN_ID_PATTERN,
  SCHEMA_VERSION,
} from '../constants.ts';
import { batchProblem } from './batch.ts';
import { readArrivalConfig, readArrivals } from './codec-arrivals.ts';
import { readLoopDelay } from './codec-delay.ts';
import { MAX_LIBRARIES, readLibrary } from './codec-libraries.ts';
import { ARG_TRANSFERS, readPayloadBytes, readPayloadSizes, readSkippedWays, readWays, WAYS } from './codec-payload.ts';
import { checkCellPool, checkPoolsAgree, readCellPool, readPools, readWarmStart } from './codec-pools.ts';
import { describe, type FieldReader, type Holder, type Key, members, type Obj, path } from './codec-reader.ts';
import { CLOCKS, readTaskTimes } from './codec-task-times.ts';
import type {
  Batch,
  Cell,
  Env,
  Fault,
  MemoryMethod,
  Mode,
  ResultFile,
  RoundTrip,
  RunConfig,
  Sample,
  TaskBound,
  TaskKind,
  TaskModuleInfo,
  WorkerEnv,
  WorkerMemory,
  WorkerMode,
  WorkerSet,
} from './types.ts';

const TASKS = members<TaskKind>({
  io: true,
  cpu: true,
  noop: true,
  fs: true,
  net: true,
  module: true,
  payload: true,
});
const BOUNDS = members<TaskBound>({ cpu: true, io: true });
// A SHA-256, as a runner writes it: 64 lowercase hex digits.
const SHA256 = /^[0-9a-f]{64}$/;
const MODES = members<Mode>({ threads: true, processes: true, sequential: true, async: true });
const WORKER_MODES = members<WorkerMode>({ threads: true, processes: true });
const STATUSES = members<Cell['status']>({ ok: true, failed: true });
const WORKER_SETS = members<WorkerSet>({ standard: true, extended: true, custom: true });
const WORKER_ENVS = members<WorkerEnv>({ inherit: true, clean: true });
const FAULTS = members<Fault>({ throw: true, exit: true, hang: true });

/**
 * Every field of a decoded result file, checked against the schema, into a new object that holds
 * only the known fields. An optional field is read by one line in its map's `optional` table.
 */
export function readResult(r: FieldReader, raw: unknown): ResultFile {
  // Held under the name its errors give it, as every other value is held by its map.
  const o = r.map({ '(top level)': raw }, '', '(top level)');
  if (o.schemaVersion !== SCHEMA_VERSION) {
    const v = o.schemaVersion;
    r.fail(
      'schemaVersion',
      `unsupported schema version ${typeof v === 'number' ? v : describe(v)} (this reader knows ${SCHEMA_VERSION})`,
    );
  }
  const required: ResultFile = {
    schemaVersion: SCHEMA_VERSION,
    id: readId(r, o),
    createdAt: readCreatedAt(r, o),
    tool: readTool(r, o, '', 'tool'),
    env: readEnv(r, o, '', 'env'),
    config: readConfig(r, o, '', 'config'),
    cells: r.list(o, '', 'cells', MAX_CELLS, (l, f, i) => readCell(r, l, f, i)),
  };
  checkPoolsAgree(r, required);
  return {
    ...required,
    ...r.optional<ResultFile>(o, '', {
      roundTrips: (h, f, k) => r.list(h, f, k, MAX_ROUND_TRIPS, (l, g, i) => readRoundTrip(r, l, g, i)),
      libraries: (h, f, k) => r.list(h, f, k, MAX_LIBRARIES, (l, g, i) => readLibrary(r, l, g, i)),
      durationMs: (h, f, k) => r.num(h, f, k, 0),
      interrupted: (h, f, k) => r.bool(h, f, k),
      warnings: (h, f, k) => r.list(h, f, k, MAX_WARNINGS, (l, g, i) => r.str(l, g, i)),
      batch: (h, f, k) => readBatch(r, h, f, k),
      skippedWays: (h, f, k) => readSkippedWays(r, h, f, k),
    }),
  };
}

function readBatch(r: FieldReader, h: Holder, parent: string, key: Key): Batch {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const batch: Batch = { id: r.str(o, f, 'id'), round: r.int(o, f, 'round', 1), rounds: r.int(o, f, 'rounds', 1) };
  const problem = batchProblem(batch);
  if (problem) r.fail(path(f, problem.field), problem.detail);
  return batch;
}

const MEMORY_METHODS = members<MemoryMethod>({ uss: true, 'rss-growth': true, rss: true });

function readMemory(r: FieldReader, h: Holder, parent: string, key: Key): WorkerMemory {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  return { bytesPerWorker: r.num(o, f, 'bytesPerWorker', 0), method: r.oneOf(o, f, 'method', MEMORY_METHODS) };
}

function readId(r: FieldReader, o: Obj): string {
  const id = r.str(o, '', 'id');
  if (id === '') r.fail('id', 'must not be empty');
  if (!RUN_ID_PATTERN.test(id)) {
    r.fail('id', `expected 1 to 64 letters, digits, '-', '_' or '.', not starting with '.', got ${describe(id)}`);
  }
  return id;
}

// What Date.prototype.toISOString writes, with 0 to 9 digits of a second: UTC only.
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

function readCreatedAt(r: FieldReader, o: Obj): string {
  const s = r.str(o, '', 'createdAt');
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

function readTool(r: FieldReader, h: Holder, parent: string, key: Key): ResultFile['tool'] {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  return {
    name: r.str(o, f, 'name'),
    version: r.str(o, f, 'version'),
    ...r.optional<ResultFile['tool']>(o, f, { gitSha: (x, g, k) => r.str(x, g, k) }),
  };
}

function readEnv(r: FieldReader, h: Holder, parent: string, key: Key): Env {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const loadavg = (k: string) => r.list(o, f, k, MAX_LIST_ITEMS, (l, g, i) => r.num(l, g, i));
  return {
    runtime: r.str(o, f, 'runtime'),
    runtimeVersion: r.str(o, f, 'runtimeVersion'),
    os: r.str(o, f, 'os'),
    arch: r.str(o, f, 'arch'),
    kernel: r.str(o, f, 'kernel'),
    cpuModel: r.str(o, f, 'cpuModel'),
    cores: r.int(o, f, 'cores', 1),
    availableParallelism: r.int(o, f, 'availableParallelism', 1),
    memoryBytes: r.int(o, f, 'memoryBytes', 0),
    hostname: r.str(o, f, 'hostname'),
    label: r.str(o, f, 'label'),
    loadavgStart: loadavg('loadavgStart'),
    loadavgEnd: loadavg('loadavgEnd'),
    vars: readVars(r, o, f, 'vars'),
    ...r.optional<Env>(o, f, { otherCpuShare: (x, g, k) => r.num(x, g, k, 0) }),
  };
}

// A variable's name: printable ASCII without '=' or a space, as every shell can set.
const VAR_NAME = /^[\x21-\x3c\x3e-\x7e]{1,256}$/;

function readVars(r: FieldReader, h: Holder, parent: string, key: Key): Record<string, string> {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const names = Object.keys(o);
  if (names.length > MAX_ENV_VARS) r.fail(f, `${names.length} variables, more than the ${MAX_ENV_VARS} allowed`);
  const vars: Record<string, string> = {};
  for (const name of names) {
    if (!VAR_NAME.test(name) || name === '__proto__') r.fail(f, `not a variable name: ${describe(name)}`);
    vars[name] = r.str(o, f, name);
  }
  return vars;
}

function readConfig(r: FieldReader, h: Holder, parent: string, key: Key): RunConfig {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  // Older files lack these: read them as what the runners that wrote them did.
  const orDefault = <T>(k: string, fallback: T, read: (k: string) => T): T =>
    o[k] === undefined || o[k] === null ? fallback : read(k);
  const config: RunConfig = {
    tasks: r.list(o, f, 'tasks', MAX_LIST_ITEMS, (l, g, i) => r.oneOf(l, g, i, TASKS)),
    modes: r.list(o, f, 'modes', MAX_LIST_ITEMS, (l, g, i) => r.oneOf(l, g, i, MODES)),
    impls: orDefault<string[]>('impls', [], (k) => r.list(o, f, k, MAX_LIST_ITEMS, (l, g, i) => r.str(l, g, i))),
    workers: r.list(o, f, 'workers', MAX_WORKERS, (l, g, i) => r.int(l, g, i, 1, MAX_WORKERS)),
    workerSet: orDefault<WorkerSet>('workerSet', 'custom', (k) => r.oneOf(o, f, k, WORKER_SETS)),
    count: r.int(o, f, 'count', 1),
    repeat: r.int(o, f, 'repeat', 1),
    warmup: r.int(o, f, 'warmup', 0),
    ioMs: r.num(o, f, 'ioMs', 0),
    cpuIters: r.int(o, f, 'cpuIters', 0),
    timeoutMs: r.num(o, f, 'timeoutMs', 0),
    workerEnv: orDefault<WorkerEnv>('workerEnv', 'inherit', (k) => r.oneOf(o, f, k, WORKER_ENVS)),
    preset: orDefault<RunConfig['preset']>('preset', 'default', (k) => r.oneOf(o, f, k, PRESETS)),
    ...r.optional<RunConfig>(o, f, {
      fault: (x, g, k) => r.oneOf(x, g, k, FAULTS),
      clock: (x, g, k) => r.oneOf(x, g, k, CLOCKS),
      asyncCpuMaxWorkers: (x, g, k) => r.int(x, g, k, 1, MAX_WORKERS),
      fsBytes: (x, g, k) => r.int(x, g, k, 0),
      netDelayMs: (x, g, k) => r.int(x, g, k, 0),
      netBytes: (x, g, k) => r.int(x, g, k, 0),
      taskModule: (x, g, k) => readTaskModule(r, x, g, k),
      arrival: (x, g, k) => readArrivalConfig(r, x, g, k),
      payloadBytes: (x, g, k) => readPayloadSizes(r, x, g, k),
      ways: (x, g, k) => readWays(r, x, g, k),
      argTransfer: (x, g, k) => r.oneOf(x, g, k, ARG_TRANSFERS),
      pools: (x, g, k) => readPools(r, x, g, k),
    }),
  };
  // A task's parameters are part of its work: a run of it without them cannot be compared.
  const needs: [TaskKind, keyof RunConfig][] = [
    ['fs', 'fsBytes'],
    ['net', 'netDelayMs'],
    ['net', 'netBytes'],
    ['module', 'taskModule'],
    ['payload', 'payloadBytes'],
  ];
  for (const [task, field] of needs) {
    if (config.tasks.includes(task) && config[field] === undefined) {
      r.fail(path(f, field), `missing, and the run has the ${task} task`);
    }
  }
  return config;
}

function readTaskModule(r: FieldReader, h: Holder, parent: string, key: Key): TaskModuleInfo {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const hash = (k: string) => {
    const s = r.str(o, f, k);
    if (!SHA256.test(s)) r.fail(path(f, k), `expected a SHA-256 as 64 lowercase hex digits, got ${describe(s)}`);
    return s;
  };
  const name = r.str(o, f, 'name');
  if (name === '') r.fail(path(f, 'name'), 'must not be empty');
  return {
    path: r.str(o, f, 'path'),
    name,
    sha256: hash('sha256'),
    bound: r.oneOf(o, f, 'bound', BOUNDS),
    checked: r.bool(o, f, 'checked'),
    ...r.optional<TaskModuleInfo>(o, f, { argHash: (_x, _g, k) => hash(k as string) }),
  };
}

function readCell(r: FieldReader, h: Holder, parent: string, key: Key): Cell {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const cell: Cell = {
    task: r.oneOf(o, f, 'task', TASKS),
    mode: r.oneOf(o, f, 'mode', MODES),
    impl: r.str(o, f, 'impl'),
    workers: r.int(o, f, 'workers', 1, MAX_WORKERS),
    status: r.oneOf(o, f, 'status', STATUSES),
    samples: r.list(o, f, 'samples', MAX_SAMPLES, (l, g, i) => readSample(r, l, g, i)),
    ...r.optional<Cell>(o, f, {
      error: (x, g, k) => r.str(x, g, k),
      memory: (x, g, k) => readMemory(r, x, g, k),
      rssBytesPerWorker: (x, g, k) => r.num(x, g, k, 0),
      taskTimes: (x, g, k) => readTaskTimes(r, x, g, k),
      arrivals: (x, g, k) => readArrivals(r, x, g, k),
      way: (x, g, k) => r.oneOf(x, g, k, WAYS),
      payloadBytes: (x, g, k) => readPayloadBytes(r, x, g, k),
      loopDelay: (x, g, k) => readLoopDelay(r, x, g, k),
      pool: (x, g, k) => readCellPool(r, x, g, k),
      warmStart: (x, g, k) => readWarmStart(r, x, g, k),
    }),
  };
  checkCellPool(r, cell, f);
  if (cell.status === 'ok' && cell.samples.length === 0) {
    r.fail(path(f, 'samples'), 'an ok cell needs at least one sample');
  }
  return cell;
}

function readSample(r: FieldReader, h: Holder, parent: string, key: Key): Sample {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  return {
    totalMs: r.num(o, f, 'totalMs', 0),
    spawnMs: r.num(o, f, 'spawnMs', 0),
    workMs: r.num(o, f, 'workMs', 0),
    teardownMs: r.num(o, f, 'teardownMs', 0),
    ...r.optional<Sample>(o, f, { readyAtMs: (x, g, k) => r.num(x, g, k, 0) }),
  };
}

function readRoundTrip(r: FieldReader, h: Holder, parent: string, key: Key): RoundTrip {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  return {
    mode: r.oneOf(o, f, 'mode', WORKER_MODES),
    impl: r.str(o, f, 'impl'),
    samplesUs: r.list(o, f, 'samplesUs', MAX_SAMPLES, (l, g, i) => r.num(l, g, i)),
  };
}
