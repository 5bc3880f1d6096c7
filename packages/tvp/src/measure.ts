import {
  implsOf,
  type LoadedTaskModule,
  loadTaskModule,
  parseArgs,
  poolsFor,
  poolsOf,
  type ResultFile,
  runToResult,
  UsageError,
  writeResult,
} from '@tvp/core';
import { type Recommendation, recommend } from '@tvp/core/analysis';
import { MeasureOptionError, type MeasureOptions, optionError, optionsToArgv } from './measure-options.ts';
import { defaultResultsDir } from './paths.ts';
import { currentRuntime, runnerFor } from './runtime.ts';

/** What `measure()` gives back: the object `tvp run` writes, and its recommendation per task. */
export interface Measured {
  result: ResultFile;
  recommendations: Recommendation[];
  /** The result file, when `out` asked for one. */
  file?: string;
}

/** The sweep was aborted through `options.signal`: every worker was killed; `result` holds the cells finished before. */
export class MeasureAborted extends Error {
  override name = 'MeasureAborted';
  constructor(
    readonly result: ResultFile | undefined,
    options?: { cause?: unknown },
  ) {
    super(`measure() was aborted${result ? ` after ${result.cells.length} cell(s)` : ' before it started'}`, options);
  }
}

/** Run core's check that may throw a UsageError, as an option error. */
function asOptionError<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof UsageError) throw optionError(err.message);
    throw err;
  }
}

/**
 * Run the sweep of `tvp run` from code, on the runtime running it (Node, Bun or Deno):
 * `await measure({ module: new URL('./task.mjs', import.meta.url), workers: [1, 2, 4] })`.
 * Resolves to the result file's object and `recommend(result)`; writes a file only with `out`.
 * Bad options reject with a `MeasureOptionError` naming the option, before any worker starts; an
 * abort of `signal` kills every worker of the sweep and rejects with a `MeasureAborted`. A cell
 * that fails is in the result with its reason (`status: 'failed'`), as in the file.
 */
export async function measure(options: MeasureOptions): Promise<Measured> {
  const argv = optionsToArgv(options);
  const runner = await runnerFor(currentRuntime());
  const cwd = process.cwd();
  const req = asOptionError(() =>
    parseArgs(argv, {
      impls: implsOf(runner),
      defaultOut: defaultResultsDir(cwd),
      cwd,
      // as `--impl all`: every primitive; a pool library runs only when named
      namedOnly: poolsOf(runner).map((p) => p.impl),
    }),
  );
  if (req.kind !== 'run') throw new MeasureOptionError('(options)', 'asked for help');
  asOptionError(() => poolsFor(runner, req.config));
  let taskModule: LoadedTaskModule | undefined;
  if (req.taskModulePath !== undefined) {
    const path = req.taskModulePath;
    taskModule = await loadTaskModule(path).catch((err: unknown) => {
      throw err instanceof UsageError ? optionError(err.message) : err;
    });
    req.config.taskModule = taskModule.info;
  }
  const { signal, onProgress } = options;
  if (signal?.aborted) throw new MeasureAborted(undefined, { cause: signal.reason });
  // The sweep's own controller: the caller's signal may be shared, and is never aborted by us.
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { result, aborted } = await runToResult({
      runner,
      config: req.config,
      label: req.label,
      taskModule,
      signal: controller.signal,
      onProgress,
    });
    if (aborted) throw new MeasureAborted(result, { cause: signal?.reason });
    const recommendations = recommend(result);
    if (options.out === undefined) return { result, recommendations };
    const { file } = await writeResult(req.out, result);
    return { result, recommendations, file };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
