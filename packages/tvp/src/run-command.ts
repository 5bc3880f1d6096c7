import { EXIT, runCli, UsageError, usageErrorText } from '@tvp/core';
import { defaultResultsDir, RESULTS_FOLDER, workingDir } from './paths.ts';
import { CPYTHON_NO_MODULE, hasTaskModule, nextSteps, QUIET_NEXT, runAll, startedByBun } from './run-all.ts';
import { currentRuntime, RUNTIMES, type RuntimeName, runnerFor } from './runtime.ts';

/** `--runtime` in `tvp run --help`: tvp's own flag, taken out before the runner sees the rest. */
const RUNTIME_USAGE = `  --runtime LIST         node, bun, deno, cpython, or all: run the sweep on each one found on PATH,
                         one after the other, one file each (default: the runtime running tvp)
`;

/** `--runtime LIST` taken out of a `tvp run` command line; the rest goes to the runner as it is. */
export function splitRuntime(argv: readonly string[]): { runtimes?: RuntimeName[]; rest: string[] } {
  const rest: string[] = [];
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const inline = a.startsWith('--runtime=') ? a.slice('--runtime='.length) : undefined;
    if (a !== '--runtime' && inline === undefined) {
      rest.push(a);
      continue;
    }
    if (raw !== undefined) throw new UsageError('--runtime given twice');
    raw = inline ?? argv[++i];
    if (raw === undefined || raw.startsWith('--')) throw new UsageError('--runtime needs a list, e.g. node,bun,deno');
  }
  if (raw === undefined) return { rest };
  const runtimes = raw === 'all' ? [...RUNTIMES] : raw.split(',').map((s) => s.trim());
  for (const r of runtimes) {
    if (!RUNTIMES.includes(r as RuntimeName))
      throw new UsageError(`--runtime: unknown runtime '${r}'; accepted: ${RUNTIMES.join(', ')}, or all`);
  }
  if (new Set(runtimes).size !== runtimes.length) throw new UsageError(`--runtime: '${raw}' names a runtime twice`);
  return { runtimes: runtimes as RuntimeName[], rest };
}

/**
 * `tvp run`: the sweep on the runtime running this code, in this process; with `--runtime` naming
 * another runtime or several, each in its own process, one after the other.
 */
export async function runCommand(argv: readonly string[]): Promise<number> {
  let split: ReturnType<typeof splitRuntime>;
  try {
    split = splitRuntime(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(usageErrorText(err.message, 'tvp run --help'));
    return EXIT.usage;
  }
  const here = currentRuntime();
  // `bunx tvp run` starts this bin under Node (its #! line): the user asked for Bun.
  if (split.runtimes === undefined && startedByBun()) return runAll(['bun'], split.rest);
  const [only, ...more] = split.runtimes ?? [here];
  if (only === 'cpython' && more.length === 0 && hasTaskModule(split.rest)) {
    process.stderr.write(`error: --runtime cpython: ${CPYTHON_NO_MODULE}\n`);
    return EXIT.usage;
  }
  if (only !== undefined && more.length === 0 && (only === here || only === 'cpython'))
    return runHere(only, split.rest);
  return runAll(split.runtimes ?? [], split.rest);
}

/** One sweep in this process, on `runtime` (this one, or CPython driven from it). */
async function runHere(runtime: RuntimeName, argv: readonly string[]): Promise<number> {
  const runner = await runnerFor(runtime);
  const cwd = workingDir();
  const opts = {
    bin: 'tvp run',
    help: 'tvp run --help',
    extraUsage: RUNTIME_USAGE,
    // `tvp run --runtime a,b` prints it once, after the last runtime.
    ...(process.env[QUIET_NEXT] ? {} : { next: nextSteps }),
    defaultOut: defaultResultsDir(cwd),
    defaultOutText: `./${RESULTS_FOLDER}/`,
    io: { cwd },
  };
  if (runtime !== 'cpython') return runCli(argv, runner, opts);
  const { PythonError } = await import('@tvp/runner-python');
  try {
    return await runCli(argv, runner, opts);
  } catch (err) {
    if (!(err instanceof PythonError)) throw err;
    process.stderr.write(`error: ${err.message}\nnothing was written\n`);
    return EXIT.failed;
  }
}
