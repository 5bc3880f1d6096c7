import { Packr, Unpackr } from 'msgpackr';
import { batchProblem } from './batch.ts';
import { SCHEMA_VERSION } from './constants.ts';
import { ResultFileError } from './errors.ts';
import type { Cell, ResultFile, RoundTrip, Sample } from './types.ts';

// The portable form (TOOLCHAIN.md): plain maps, no shared record structures, the same bytes on
// every runtime, readable by any msgpack library.
const packr = new Packr({ useRecords: false, encodeUndefinedAsNil: true });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });

/** Encode a result file. Undefined optional fields are dropped, not written as nil. */
export function encodeResult(result: ResultFile): Uint8Array {
  return packr.pack(JSON.parse(JSON.stringify(result)));
}

type Obj = Record<string, unknown>;

/** Field-by-field checks that name the file and the path of the first bad field. */
class Reader {
  constructor(readonly file: string) {}
  fail(field: string, detail: string): never {
    throw new ResultFileError(this.file, field, detail);
  }
  obj(v: unknown, field: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(field, `expected a map, got ${kind(v)}`);
    return v as Obj;
  }
  str(o: Obj, key: string, field: string): string {
    const v = o[key];
    if (typeof v !== 'string') this.fail(`${field}${key}`, `expected a string, got ${kind(v)}`);
    return v;
  }
  optStr(o: Obj, key: string, field: string): string | undefined {
    return o[key] === undefined || o[key] === null ? undefined : this.str(o, key, field);
  }
  num(o: Obj, key: string, field: string, min = Number.NEGATIVE_INFINITY): number {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v))
      this.fail(`${field}${key}`, `expected a finite number, got ${kind(v)}`);
    if (v < min) this.fail(`${field}${key}`, `expected at least ${min}, got ${v}`);
    return v;
  }
  int(o: Obj, key: string, field: string, min: number): number {
    const v = this.num(o, key, field, min);
    if (!Number.isInteger(v)) this.fail(`${field}${key}`, `expected an integer, got ${v}`);
    return v;
  }
  arr(o: Obj, key: string, field: string): unknown[] {
    const v = o[key];
    if (!Array.isArray(v)) this.fail(`${field}${key}`, `expected a list, got ${kind(v)}`);
    return v;
  }
  nums(o: Obj, key: string, field: string): number[] {
    return this.arr(o, key, field).map((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        this.fail(`${field}${key}[${i}]`, `expected a number, got ${kind(x)}`);
      return x;
    });
  }
  strs(o: Obj, key: string, field: string): string[] {
    return this.arr(o, key, field).map((x, i) => {
      if (typeof x !== 'string') this.fail(`${field}${key}[${i}]`, `expected a string, got ${kind(x)}`);
      return x;
    });
  }
  oneOf<T extends string>(o: Obj, key: string, field: string, allowed: readonly T[]): T {
    const v = this.str(o, key, field);
    if (!allowed.includes(v as T)) this.fail(`${field}${key}`, `expected one of ${allowed.join(', ')}, got '${v}'`);
    return v as T;
  }
}

function kind(v: unknown): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary';
  return typeof v === 'object' ? 'a map' : `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}

const TASKS = ['io', 'cpu', 'noop'] as const;
const MODES = ['threads', 'processes', 'sequential', 'async'] as const;

function readSample(r: Reader, v: unknown, f: string): Sample {
  const o = r.obj(v, f);
  return {
    totalMs: r.num(o, 'totalMs', `${f}.`, 0),
    spawnMs: r.num(o, 'spawnMs', `${f}.`, 0),
    workMs: r.num(o, 'workMs', `${f}.`, 0),
    teardownMs: r.num(o, 'teardownMs', `${f}.`, 0),
  };
}

function readCell(r: Reader, v: unknown, f: string): Cell {
  const o = r.obj(v, f);
  const p = `${f}.`;
  const cell: Cell = {
    task: r.oneOf(o, 'task', p, TASKS),
    mode: r.oneOf(o, 'mode', p, MODES),
    impl: r.str(o, 'impl', p),
    workers: r.int(o, 'workers', p, 1),
    status: r.oneOf(o, 'status', p, ['ok', 'failed'] as const),
    samples: r.arr(o, 'samples', p).map((s, i) => readSample(r, s, `${p}samples[${i}]`)),
  };
  const error = r.optStr(o, 'error', p);
  if (error !== undefined) cell.error = error;
  if (o.rssBytesPerWorker !== undefined && o.rssBytesPerWorker !== null) {
    cell.rssBytesPerWorker = r.num(o, 'rssBytesPerWorker', p, 0);
  }
  if (cell.status === 'ok' && cell.samples.length === 0) r.fail(`${p}samples`, 'an ok cell needs at least one sample');
  return cell;
}

function readRoundTrip(r: Reader, v: unknown, f: string): RoundTrip {
  const o = r.obj(v, f);
  return {
    mode: r.oneOf(o, 'mode', `${f}.`, ['threads', 'processes'] as const),
    impl: r.str(o, 'impl', `${f}.`),
    samplesUs: r.nums(o, 'samplesUs', `${f}.`),
  };
}

/**
 * The one reader of result files: decode msgpack and validate every field. Refuses an unknown
 * `schemaVersion`, a truncated or foreign file, with an error that names `file` and the field.
 */
export function decodeResult(bytes: Uint8Array, file: string): ResultFile {
  const r: Reader = new Reader(file);
  let raw: unknown;
  try {
    raw = unpackr.unpack(bytes);
  } catch (err) {
    r.fail('', `not a msgpack result file (${(err as Error).message})`);
  }
  const o = r.obj(raw, '(top level)');
  if (o.schemaVersion !== SCHEMA_VERSION) {
    r.fail(
      'schemaVersion',
      `unsupported schema version ${JSON.stringify(o.schemaVersion)} (this reader knows ${SCHEMA_VERSION})`,
    );
  }
  const tool = r.obj(o.tool, 'tool');
  const env = r.obj(o.env, 'env');
  const cfg = r.obj(o.config, 'config');
  const vars = r.obj(env.vars, 'env.vars');
  for (const [k, v] of Object.entries(vars)) if (typeof v !== 'string') r.fail(`env.vars.${k}`, 'expected a string');
  const createdAt = r.str(o, 'createdAt', '');
  if (Number.isNaN(Date.parse(createdAt))) r.fail('createdAt', `not an ISO-8601 time: '${createdAt}'`);
  const result: ResultFile = {
    schemaVersion: SCHEMA_VERSION,
    id: r.str(o, 'id', ''),
    createdAt,
    tool: { name: r.str(tool, 'name', 'tool.'), version: r.str(tool, 'version', 'tool.') },
    env: {
      runtime: r.str(env, 'runtime', 'env.'),
      runtimeVersion: r.str(env, 'runtimeVersion', 'env.'),
      os: r.str(env, 'os', 'env.'),
      arch: r.str(env, 'arch', 'env.'),
      kernel: r.str(env, 'kernel', 'env.'),
      cpuModel: r.str(env, 'cpuModel', 'env.'),
      cores: r.int(env, 'cores', 'env.', 1),
      availableParallelism: r.int(env, 'availableParallelism', 'env.', 1),
      memoryBytes: r.num(env, 'memoryBytes', 'env.', 0),
      hostname: r.str(env, 'hostname', 'env.'),
      label: r.str(env, 'label', 'env.'),
      loadavgStart: r.nums(env, 'loadavgStart', 'env.'),
      loadavgEnd: r.nums(env, 'loadavgEnd', 'env.'),
      vars: vars as Record<string, string>,
    },
    config: {
      tasks: r.strs(cfg, 'tasks', 'config.').map((t, i) => {
        if (!TASKS.includes(t as never)) r.fail(`config.tasks[${i}]`, `unknown task '${t}'`);
        return t as Cell['task'];
      }),
      modes: r.strs(cfg, 'modes', 'config.').map((m, i) => {
        if (!MODES.includes(m as never)) r.fail(`config.modes[${i}]`, `unknown mode '${m}'`);
        return m as Cell['mode'];
      }),
      impls: cfg.impls === undefined ? [] : r.strs(cfg, 'impls', 'config.'),
      workers: r.nums(cfg, 'workers', 'config.'),
      workerSet: (r.optStr(cfg, 'workerSet', 'config.') ?? 'custom') as ResultFile['config']['workerSet'],
      count: r.int(cfg, 'count', 'config.', 1),
      repeat: r.int(cfg, 'repeat', 'config.', 1),
      warmup: r.int(cfg, 'warmup', 'config.', 0),
      ioMs: r.num(cfg, 'ioMs', 'config.', 0),
      cpuIters: r.int(cfg, 'cpuIters', 'config.', 0),
      timeoutMs: r.num(cfg, 'timeoutMs', 'config.', 0),
      workerEnv: (r.optStr(cfg, 'workerEnv', 'config.') ?? 'inherit') as ResultFile['config']['workerEnv'],
      preset: (r.optStr(cfg, 'preset', 'config.') ?? 'default') as ResultFile['config']['preset'],
    },
    cells: r.arr(o, 'cells', '').map((c, i) => readCell(r, c, `cells[${i}]`)),
  };
  if (result.id === '') r.fail('id', 'must not be empty');
  if (env.otherCpuShare !== undefined && env.otherCpuShare !== null) {
    result.env.otherCpuShare = r.num(env, 'otherCpuShare', 'env.', 0);
  }
  const sha = r.optStr(tool, 'gitSha', 'tool.');
  if (sha !== undefined) result.tool.gitSha = sha;
  const fault = r.optStr(cfg, 'fault', 'config.');
  if (fault !== undefined) result.config.fault = fault as ResultFile['config']['fault'];
  if (o.roundTrips !== undefined && o.roundTrips !== null) {
    result.roundTrips = r.arr(o, 'roundTrips', '').map((x, i) => readRoundTrip(r, x, `roundTrips[${i}]`));
  }
  if (o.durationMs !== undefined && o.durationMs !== null) result.durationMs = r.num(o, 'durationMs', '', 0);
  if (o.interrupted !== undefined && o.interrupted !== null) {
    const v = o.interrupted;
    if (typeof v !== 'boolean') r.fail('interrupted', 'expected a boolean');
    result.interrupted = v;
  }
  if (o.warnings !== undefined && o.warnings !== null) result.warnings = r.strs(o, 'warnings', '');
  if (o.batch !== undefined && o.batch !== null) {
    const b = r.obj(o.batch, 'batch');
    const batch = {
      id: r.str(b, 'id', 'batch.'),
      round: r.int(b, 'round', 'batch.', 1),
      rounds: r.int(b, 'rounds', 'batch.', 1),
    };
    const problem = batchProblem(batch);
    if (problem) r.fail(`batch.${problem.field}`, problem.detail);
    result.batch = batch;
  }
  return result;
}
