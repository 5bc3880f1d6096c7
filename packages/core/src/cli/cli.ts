import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentWarnings } from '../analysis/warnings.ts';
import { SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../constants.ts';
import { otherCpuShare, readCpuCounters } from '../engine/cpu-share.ts';
import { collectEnv, gitSha, loadavg } from '../engine/env.ts';
import { killAllWorkers } from '../engine/live-workers.ts';
import { runSweep, type SweepProgress, type SweepResult } from '../engine/sweep.ts';
import { type LoadedTaskModule, loadTaskModule } from '../engine/task-module.ts';
import type { RuntimeAdapter } from '../engine/transport.ts';
import { UsageError } from '../errors.ts';
import { batchFromEnv } from '../format/batch.ts';
import type { Impl, ResultFile, RunConfig, WorkerMode } from '../format/types.ts';
import { defaultResultsDir, writeResult } from '../format/write.ts';
import { type CliRequest, parseArgs, usage } from './args.ts';
import { type Out, ProgressPrinter } from './progress.ts';
import { formatSummary } from './summary.ts';
import { uploadResult } from './upload.ts';

/** Exit codes of every runner. */
export const EXIT = { ok: 0, failed: 1, usage: 2, SIGINT: 130, SIGTERM: 143 } as const;

export interface CliIo {
  stdout: Out;
  stderr: Out;
  /** Folder a relative `--out` is taken from. */
  cwd: string;
}

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
}

const isExternal = (r: RuntimeAdapter | SweepRunner): r is SweepRunner => 'sweep' in r;
/** The worker-pool libraries a runner offers (none for an external sweep). */
const poolsOf = (r: RuntimeAdapter | SweepRunner) => (isExternal(r) ? [] : (r.pools ?? []));

/** The impls per worker mode of an adapter, defaults first. */
function implsOf(adapter: RuntimeAdapter): Record<WorkerMode, Impl[]> {
  const of = (mode: WorkerMode) => {
    const all = adapter.transports.filter((t) => t.mode === mode).map((t) => t.impl);
    const pools = (adapter.pools ?? []).filter((p) => p.mode === mode).map((p) => p.impl);
    return [
      ...all.filter((i) => adapter.defaultImpls.includes(i)),
      ...all.filter((i) => !adapter.defaultImpls.includes(i)),
      ...pools,
    ];
  };
  return { threads: of('threads'), processes: of('processes') };
}

/**
 * The whole runner command line, the same on every runtime: parse flags, run the sweep with a
 * progress line, write the result file atomically, print the summary, upload if asked.
 * Returns the exit code; SIGINT/SIGTERM stop the sweep, kill every worker and still write the
 * cells finished so far.
 */
export async function runCli(
  argv: readonly string[],
  adapter: RuntimeAdapter | SweepRunner,
  opts: { bin: string; defaultOut: string; repoDir?: string; io?: Partial<CliIo> },
): Promise<number> {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.env.TVP_CWD || process.env.INIT_CWD || process.cwd(),
    ...opts.io,
  };
  const impls = isExternal(adapter) ? adapter.impls : implsOf(adapter);
  let req: CliRequest;
  try {
    // `--impl all` is every primitive of the runtime; a pool library runs only when named.
    const namedOnly = poolsOf(adapter).map((p) => p.impl);
    req = parseArgs(argv, { impls, defaultOut: opts.defaultOut, cwd: io.cwd, namedOnly });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`error: ${err.message}\n\n${usage(opts.bin, impls)}\n`);
    return EXIT.usage;
  }
  if (req.kind === 'help') {
    io.stdout.write(`${usage(opts.bin, impls)}\n`);
    return EXIT.ok;
  }
  const pools = poolsOf(adapter).filter((p) => req.config.impls.includes(p.impl));
  const refused = pools.find((p) => p.unsupported !== undefined);
  if (refused) {
    io.stderr.write(`error: --impl ${refused.impl} does not run on ${adapter.runtime}: ${refused.unsupported}\n`);
    return EXIT.usage;
  }

  // Loaded before any worker starts: a module that cannot run is a usage error, exit 2.
  let taskModule: LoadedTaskModule | undefined;
  if (req.taskModulePath !== undefined) {
    try {
      taskModule = await loadTaskModule(req.taskModulePath);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      io.stderr.write(`error: ${err.message}\n`);
      return EXIT.usage;
    }
    req.config.taskModule = taskModule.info;
  }

  // Read before the sweep, so that a malformed variable is reported before minutes of work.
  const { batch, warning } = batchFromEnv(process.env);
  if (warning) io.stderr.write(`${warning}\n`);

  const controller = new AbortController();
  let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (sig: 'SIGINT' | 'SIGTERM') => {
    if (stoppedBy) process.exit(EXIT[stoppedBy]); // a second signal: leave now
    stoppedBy = sig;
    // Kill first, tidy up after: workers must be gone within a second whatever happens next.
    killAllWorkers();
    controller.abort();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);

  try {
    const env = collectEnv(adapter.runtime, isExternal(adapter) ? '' : adapter.runtimeVersion, req.label);
    const createdAt = new Date().toISOString();
    const progress = new ProgressPrinter(io.stderr);
    const cpuStart = readCpuCounters();
    const onProgress = req.quiet ? undefined : (p: SweepProgress) => progress.update(p);
    const sweep: ExternalSweep = isExternal(adapter)
      ? await adapter.sweep({ config: req.config, signal: controller.signal, ...(onProgress ? { onProgress } : {}) })
      : {
          ...(await runSweep({
            config: req.config,
            transports: adapter.transports,
            pools,
            signal: controller.signal,
            ...(taskModule ? { taskModule } : {}),
            ...(onProgress ? { onProgress } : {}),
          })),
          runtimeVersion: adapter.runtimeVersion,
          config: req.config,
          vars: {},
          warnings: taskModule?.warnings ?? [],
        };
    progress.clear();
    env.runtimeVersion = sweep.runtimeVersion;
    env.vars = { ...env.vars, ...sweep.vars };
    env.loadavgEnd = loadavg();
    const cpuEnd = readCpuCounters();
    if (cpuStart && cpuEnd) env.otherCpuShare = otherCpuShare(cpuStart, cpuEnd);
    const sha = opts.repoDir ? gitSha(opts.repoDir) : undefined;
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
      ...(batch ? { batch } : {}),
    };
    if (sweep.aborted && stoppedBy)
      result.warnings?.push(`stopped by ${stoppedBy}: ${sweep.cells.length} cell(s) finished before it`);
    const { file, bytes } = await writeResult(req.out, result);
    const shown = path.relative(io.cwd, file).startsWith('..') ? file : path.relative(io.cwd, file);
    io.stdout.write(`${formatSummary(result, shown)}\n`);

    let code: number = sweep.cells.some((c) => c.status === 'failed') ? EXIT.failed : EXIT.ok;
    if (stoppedBy) return EXIT[stoppedBy];
    if (req.upload) {
      try {
        const id = await uploadResult(req.upload, bytes);
        io.stdout.write(`uploaded to ${req.upload} as ${id}\n`);
      } catch (err) {
        io.stderr.write(`error: ${(err as Error).message} (the file is kept at ${shown})\n`);
        code = EXIT.failed;
      }
    }
    return code;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

/**
 * A runner's whole entry file: run the CLI with this adapter, results going to the repository's
 * `results/` found from `entryUrl` (the entry's import.meta.url), then exit with its code.
 */
export async function runnerMain(adapter: RuntimeAdapter, bin: string, entryUrl: string): Promise<never> {
  const code = await runCli(process.argv.slice(2), adapter, {
    bin,
    defaultOut: defaultResultsDir(entryUrl),
    repoDir: path.dirname(fileURLToPath(entryUrl)),
  });
  process.exit(code);
}
