import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argTransferProblem } from '../engine/arg-transfer.ts';
import { killAllWorkers } from '../engine/live-workers.ts';
import { skippedLine } from '../engine/payload-ways.ts';
import type { SweepProgress } from '../engine/sweep.ts';
import { type LoadedTaskModule, loadTaskModule } from '../engine/task-module.ts';
import { UsageError, usageErrorText } from '../errors.ts';
import { batchFromEnv } from '../format/batch.ts';
import { defaultResultsDir, writeResult } from '../format/write.ts';
import { type CliRequest, parseArgs, usage } from './args.ts';
import { type Out, ProgressPrinter } from './progress.ts';
import { implsOf, poolsFor, poolsOf, type Runner, runToResult } from './run-result.ts';
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

export type { ExternalSweep, SweepRunner } from './run-result.ts';

/**
 * The whole runner command line, the same on every runtime: parse flags, run the sweep with a
 * progress line, write the result file atomically, print the summary, upload if asked.
 * Returns the exit code; SIGINT/SIGTERM stop the sweep, kill every worker and still write the
 * cells finished so far.
 */
export async function runCli(
  argv: readonly string[],
  adapter: Runner,
  opts: {
    bin: string;
    defaultOut: string;
    /** How --help names the default folder (default: results/ at the repository root). */
    defaultOutText?: string;
    /** The help command a usage error points to (default `--help`: a runner is started several ways). */
    help?: string;
    /** Lines of flags the program around the runner adds to --help (tvp's --runtime). */
    extraUsage?: string;
    /** What to do with the file now, given its folder as the user would type it: printed last. */
    next?: (outDir: string) => string;
    repoDir?: string;
    io?: Partial<CliIo>;
  },
): Promise<number> {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.env.TVP_CWD || process.env.INIT_CWD || process.cwd(),
    ...opts.io,
  };
  const impls = implsOf(adapter);
  let req: CliRequest;
  try {
    // `--impl all` is every primitive of the runtime; a pool library runs only when named.
    const namedOnly = poolsOf(adapter).map((p) => p.impl);
    req = parseArgs(argv, { impls, defaultOut: opts.defaultOut, cwd: io.cwd, namedOnly });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(usageErrorText(err.message, opts.help));
    return EXIT.usage;
  }
  if (req.kind === 'help') {
    io.stdout.write(`${usage(opts.bin, impls, opts.defaultOutText, opts.extraUsage)}\n`);
    return EXIT.ok;
  }
  try {
    poolsFor(adapter, req.config);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`error: ${err.message}\n`);
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
    const problem = req.config.argTransfer && argTransferProblem(taskModule.arg, req.config.argTransfer);
    if (problem) {
      io.stderr.write(`error: ${problem}\n`);
      return EXIT.usage;
    }
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
    const progress = new ProgressPrinter(io.stderr);
    const onProgress = req.quiet ? undefined : (p: SweepProgress) => progress.update(p);
    const { result, aborted } = await runToResult({
      runner: adapter,
      config: req.config,
      label: req.label,
      taskModule,
      signal: controller.signal,
      onProgress,
      onSkip: (sk) => io.stderr.write(`${skippedLine(sk)}\n`),
      repoDir: opts.repoDir,
      batch,
    });
    progress.clear();
    if (aborted && stoppedBy)
      result.warnings?.push(`stopped by ${stoppedBy}: ${result.cells.length} cell(s) finished before it`);
    const { file, bytes } = await writeResult(req.out, result);
    const shown = path.relative(io.cwd, file).startsWith('..') ? file : path.relative(io.cwd, file);
    io.stdout.write(`${formatSummary(result, shown)}\n`);
    if (opts.next && !stoppedBy) io.stdout.write(`${opts.next(path.dirname(shown))}\n`);

    let code: number = result.cells.some((c) => c.status === 'failed') ? EXIT.failed : EXIT.ok;
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
export async function runnerMain(adapter: Runner, bin: string, entryUrl: string): Promise<never> {
  const code = await runCli(process.argv.slice(2), adapter, {
    bin,
    defaultOut: defaultResultsDir(entryUrl),
    repoDir: path.dirname(fileURLToPath(entryUrl)),
  });
  process.exit(code);
}
