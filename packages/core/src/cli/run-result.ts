import { randomUUID } from 'node:crypto';
import { environmentWarnings } from '../analysis/warnings.ts';
import { SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../constants.ts';
import { otherCpuShare, readCpuCounters } from '../engine/cpu-share.ts';
import { collectEnv, gitSha, loadavg } from '../engine/env.ts';
import type { LibraryPool } from '../engine/library-pool.ts';
import { runSweep, type SweepProgress, type SweepResult } from '../engine/sweep.ts';
import type { LoadedTaskModule } from '../engine/task-module.ts';
import type { RuntimeAdapter } from '../engine/transport.ts';
import { UsageError } from '../errors.ts';
import type { Batch, Impl, ResultFile, RunConfig, SkippedWay, WorkerMode } from '../format/types.ts';

/** What a sweep run outside core's engine hands back: core's result, plus what only its runner knows. */
export interface ExternalSweep extends SweepResult {
  runtimeVersion: string;
  /** The sweep as it ran (a runner may change a parameter, e.g. calibrate cpuIters; it says why in warnings). */
  config: RunConfig;
  /** Recorded in env.vars beside core's own. */
  vars: Record<string, string>;
  warnings: string[];
}

/**
 * A runner whose workers core does not start (another language behind a pipe): it runs the sweep
 * itself; core still parses the flags, prints progress and the summary, and writes the file.
 */
export interface SweepRunner {
  runtime: string;
  /** The impls per worker mode, the default first. */
  impls: Record<WorkerMode, Impl[]>;
  /** Run the sweep; an abort of `signal` ends it at once with the cells finished so far. */
  sweep(o: { config: RunConfig; signal: AbortSignal; onProgress?: (p: SweepProgress) => void }): Promise<ExternalSweep>;
  /** Why this runner cannot run a config it parsed (a usage error, exit 2), or undefined. */
  refuse?(config: RunConfig): string | undefined;
}

/** What runs a sweep: an adapter whose workers core starts, or a runner that sweeps itself. */
export type Runner = RuntimeAdapter | SweepRunner;

const isExternal = (r: Runner): r is SweepRunner => 'sweep' in r;

/** The worker-pool libraries a runner offers (none for an external sweep). */
export const poolsOf = (r: Runner): LibraryPool[] => (isExternal(r) ? [] : (r.pools ?? []));

/** The impls per worker mode of a runner, defaults first, then the other primitives, then the pools. */
export function implsOf(r: Runner): Record<WorkerMode, Impl[]> {
  if (isExternal(r)) return r.impls;
  const of = (mode: WorkerMode) => {
    const all = r.transports.filter((t) => t.mode === mode).map((t) => t.impl);
    const pools = (r.pools ?? []).filter((p) => p.mode === mode).map((p) => p.impl);
    return [
      ...all.filter((i) => r.defaultImpls.includes(i)),
      ...all.filter((i) => !r.defaultImpls.includes(i)),
      ...pools,
    ];
  };
  return { threads: of('threads'), processes: of('processes') };
}

/**
 * The pool libraries a config names; a UsageError when one of them does not run on this runtime,
 * or when an external runner refuses the config.
 */
export function poolsFor(r: Runner, config: RunConfig): LibraryPool[] {
  const cannot = isExternal(r) ? r.refuse?.(config) : undefined;
  if (cannot !== undefined) throw new UsageError(cannot);
  const pools = poolsOf(r).filter((p) => config.impls.includes(p.impl));
  const refused = pools.find((p) => p.unsupported !== undefined);
  if (refused) throw new UsageError(`--impl ${refused.impl} does not run on ${r.runtime}: ${refused.unsupported}`);
  return pools;
}

/** One sweep to run and record. */
export interface RunRequest {
  runner: Runner;
  config: RunConfig;
  label: string;
  /** Loaded before (loadTaskModule); `config.taskModule` holds its identity. */
  taskModule?: LoadedTaskModule | undefined;
  /** An abort ends the sweep with the cells finished so far (`aborted` in the answer). */
  signal: AbortSignal;
  onProgress?: ((p: SweepProgress) => void) | undefined;
  /** Told each payload way a transport lacks (the CLI prints one line for each). */
  onSkip?: ((s: SkippedWay) => void) | undefined;
  /** A git checkout whose commit is recorded as `tool.gitSha`. */
  repoDir?: string | undefined;
  batch?: Batch | undefined;
}

/**
 * Run a sweep and assemble its result file's object: the environment before and after, the cells,
 * the warnings. The one place a result is made: the runner CLI writes it, the API returns it.
 */
export async function runToResult(q: RunRequest): Promise<{ result: ResultFile; aborted: boolean }> {
  const { runner, config, signal, onProgress } = q;
  const pools = poolsFor(runner, config);
  const env = collectEnv(runner.runtime, isExternal(runner) ? '' : runner.runtimeVersion, q.label);
  const createdAt = new Date().toISOString();
  const cpuStart = readCpuCounters();
  const sweep: ExternalSweep = isExternal(runner)
    ? await runner.sweep({ config, signal, ...(onProgress ? { onProgress } : {}) })
    : {
        ...(await runSweep({
          config,
          transports: runner.transports,
          pools,
          signal,
          ...(q.taskModule ? { taskModule: q.taskModule } : {}),
          ...(onProgress ? { onProgress } : {}),
          ...(q.onSkip ? { onSkip: q.onSkip } : {}),
        })),
        runtimeVersion: runner.runtimeVersion,
        config,
        vars: {},
        warnings: q.taskModule?.warnings ?? [],
      };
  env.runtimeVersion = sweep.runtimeVersion;
  env.vars = { ...env.vars, ...sweep.vars };
  env.loadavgEnd = loadavg();
  const cpuEnd = readCpuCounters();
  if (cpuStart && cpuEnd) env.otherCpuShare = otherCpuShare(cpuStart, cpuEnd);
  const sha = q.repoDir ? gitSha(q.repoDir) : undefined;
  const result: ResultFile = {
    schemaVersion: SCHEMA_VERSION,
    id: randomUUID(),
    createdAt,
    tool: { name: TOOL_NAME, version: TOOL_VERSION, ...(sha ? { gitSha: sha } : {}) },
    env,
    config: sweep.config,
    cells: sweep.cells,
    ...(sweep.roundTrips.length > 0 ? { roundTrips: sweep.roundTrips } : {}),
    ...(pools.length > 0 ? { libraries: pools.map((p) => p.info) } : {}),
    durationMs: sweep.durationMs,
    ...(sweep.aborted ? { interrupted: true } : {}),
    warnings: [...environmentWarnings(env), ...sweep.warnings],
    ...(q.batch ? { batch: q.batch } : {}),
    ...(sweep.skippedWays?.length ? { skippedWays: sweep.skippedWays } : {}),
  };
  return { result, aborted: sweep.aborted };
}
