import { exitStatus, Supervisor, verdictOf } from '@tvp/bench';
import { EXIT } from '@tvp/core';
import { interpreter, interpreterMissing } from '@tvp/runner-python';
import { onPath } from './find-binary.ts';
import { cliFile, RESULTS_FOLDER, workingDir } from './paths.ts';
import { currentRuntime, type RuntimeName } from './runtime.ts';

/** How to start `tvp run` on a runtime, or why it cannot start here. */
export type Launch = { runtime: RuntimeName; argv: string[] } | { runtime: RuntimeName; skipped: string };

/**
 * The command line that runs this package's CLI on `runtime`: the running binary for the runtime
 * that runs this code, else the runtime's binary on PATH. Deno gets -A, as `deno run -A npm:…` does.
 * CPython's series is driven from this runtime and needs its interpreter.
 */
export function launchOf(
  runtime: RuntimeName,
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Launch {
  const cli = cliFile();
  const here = currentRuntime();
  if (runtime === 'cpython') {
    if (hasTaskModule(args)) return { runtime, skipped: CPYTHON_NO_MODULE };
    const python = interpreter(env);
    if (interpreterMissing(python))
      return { runtime, skipped: `${python} not found (install Python 3, or set TVP_PYTHON)` };
    return { runtime, argv: [process.execPath, ...(here === 'deno' ? ['run', '-A'] : []), cli] };
  }
  const bin = runtime === here ? process.execPath : runtime === 'bun' ? bunOf(env) : onPath(runtime, env);
  if (bin === undefined) return { runtime, skipped: `no ${runtime} on PATH` };
  return { runtime, argv: [bin, ...(runtime === 'deno' ? ['run', '-A'] : []), cli] };
}

/**
 * The Bun that started this process through `bunx tvp` or `bun run` (they run a bin under the
 * runtime its #! line names, Node here, and say so in npm's variables), else `bun` on PATH.
 */
export function bunOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return startedByBun(env) ? env.npm_execpath : onPath('bun', env);
}

/** True when `bunx` or `bun run` started this process (and it is not Bun itself). */
export const startedByBun = (env: NodeJS.ProcessEnv = process.env): boolean =>
  currentRuntime() !== 'bun' && (env.npm_config_user_agent ?? '').startsWith('bun/') && !!env.npm_execpath;

/** Why CPython's series cannot take `--task-module`. */
export const CPYTHON_NO_MODULE = "CPython's series runs the article's io and cpu tasks, not a JavaScript --task-module";

/** True when a `tvp run` command line names a task module. */
export const hasTaskModule = (args: readonly string[]): boolean =>
  args.some((a) => a === '--task-module' || a.startsWith('--task-module='));

/** Set for the runs `tvp run --runtime a,b` starts: they leave the closing line to it. */
export const QUIET_NEXT = 'TVP_QUIET_NEXT';

/** The closing line of `tvp run`: how to look at what it wrote in `outDir` (as the user types it). */
export function nextSteps(outDir: string): string {
  const results =
    outDir === RESULTS_FOLDER || outDir === `./${RESULTS_FOLDER}` ? '' : ` --results ${quoteIfNeeded(outDir)}`;
  return `next: npx tvp report${results} (the charts, in a browser) · npx tvp summary${results ? ` ${quoteIfNeeded(outDir)}` : ''} (the recommendation as Markdown)`;
}

const quoteIfNeeded = (s: string) => (/^[\w./@:+-]+$/.test(s) ? s : quote(s));

/** The folder `--out` names in a `tvp run` command line, else ./tvp-results, as the user wrote it. */
export function outOf(args: readonly string[]): string {
  let out: string = RESULTS_FOLDER;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') break;
    if (a === '--out' && args[i + 1] !== undefined) out = args[i + 1] as string;
    else if (a.startsWith('--out=')) out = a.slice('--out='.length);
  }
  return out;
}

/** A path or an argument, quoted for sh. */
const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * `tvp run --runtime a,b,…`: the sweep on each runtime in turn, each in its own process (the
 * bench's supervisor: one at a time, a first Ctrl-C lets the running one write what it finished
 * and starts no other). A runtime that is not installed is skipped, with the reason.
 * Exit: 2 when a runtime refused the flags (no other starts), 130/143 when stopped, 1 when one
 * failed or none could run, else 0.
 */
export async function runAll(runtimes: readonly RuntimeName[], args: readonly string[]): Promise<number> {
  const launches = runtimes.map((r) => launchOf(r, args));
  const skipped = launches.filter((l) => 'skipped' in l);
  for (const l of skipped) process.stderr.write(`tvp run: skipping ${l.runtime}: ${l.skipped}\n`);
  const supervisor = new Supervisor();
  let failed = skipped.length === launches.length;
  try {
    for (const l of launches) {
      if ('skipped' in l) continue;
      process.stderr.write(`tvp run: ${l.runtime}\n`);
      const sweep = [...l.argv, 'run', '--runtime', l.runtime].map(quote).join(' ');
      const runner = { runtime: l.runtime, order: 0, name: l.runtime, dir: workingDir(), sweep };
      const outcome = await supervisor.run(runner, args, { ...process.env, [QUIET_NEXT]: '1' });
      if (outcome === undefined) break;
      if (outcome.error) {
        process.stderr.write(`tvp run: ${l.runtime} could not start: ${outcome.error.message}\n`);
        failed = true;
        continue;
      }
      const verdict = verdictOf(outcome);
      if (verdict === 'refused') return EXIT.usage;
      if (verdict === 'stopped') return exitStatus(outcome);
      if (verdict === 'failed') failed = true;
    }
    if (supervisor.stoppedBy) return EXIT[supervisor.stoppedBy];
    if (skipped.length > 0) process.stderr.write(`tvp run: skipped ${skipped.map((l) => l.runtime).join(', ')}\n`);
    if (skipped.length < launches.length) process.stdout.write(`${nextSteps(outOf(args))}\n`);
    return failed ? EXIT.failed : EXIT.ok;
  } finally {
    supervisor.close();
  }
}
