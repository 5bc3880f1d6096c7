import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import type { Runner } from './discover.ts';

/** How a runner invocation ended: its exit code, or the signal that killed it. */
export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** It could not be started at all. */
  error?: Error;
}

/** A runner invocation in progress. */
export interface Invocation {
  readonly pid: number | undefined;
  /** Send a signal to the runner process itself (not to a shell around it). */
  kill(signal: NodeJS.Signals): void;
  readonly done: Promise<Outcome>;
}

/** The exit status a shell would report for an outcome: the code, or 128 + the signal number. */
export function exitStatus(o: Outcome): number {
  if (o.code !== null) return o.code;
  if (o.signal !== null) return 128 + (constants.signals[o.signal] ?? 0);
  return 1;
}

/**
 * The environment a runner gets, as `pnpm run sweep` would give it: its package's and the root's
 * node_modules/.bin first on PATH, plus `extra` (the batch variables).
 */
export function runnerEnv(
  runner: Runner,
  root: string,
  base: NodeJS.ProcessEnv,
  extra: Record<string, string>,
): NodeJS.ProcessEnv {
  const bins = [path.join(runner.dir, 'node_modules', '.bin'), path.join(root, 'node_modules', '.bin')];
  const PATH = [...bins, ...(base.PATH ? [base.PATH] : [])].join(path.delimiter);
  return { ...base, PATH, ...extra };
}

/** How a runner's sweep script is started: a program, its arguments, and spawn's platform options. */
export interface SweepCommand {
  file: string;
  argv: string[];
  detached: boolean;
}

// Characters that mean something to a shell (quoting, expansion): without a shell they would
// reach the runner literally, so a script that needs them cannot start on Windows.
const NEEDS_SHELL = /["'$%^\\*?~{}]/;

/**
 * The command for a sweep script and its `args`. POSIX: `sh -c 'exec <script> "$@"'`: `exec`
 * makes the runner take the shell's pid, so a signal sent to that pid reaches the runner itself
 * (dash does not exec by itself, and pnpm does not pass SIGTERM on); `detached` gives it its own
 * process group, so a Ctrl-C meant for the bench reaches the runner once, forwarded by the bench,
 * and not twice (a runner takes a second signal as "leave now, write nothing"). Windows has no
 * `sh`: the script is split on spaces into argv and started directly (libuv finds `bun.exe` on
 * PATH for `bun`), not detached, since there `detached` opens a new console window.
 */
export function sweepCommand(sweep: string, args: readonly string[], platform: NodeJS.Platform): SweepCommand {
  if (platform !== 'win32') return { file: 'sh', argv: ['-c', `exec ${sweep} "$@"`, 'sweep', ...args], detached: true };
  if (NEEDS_SHELL.test(sweep))
    throw new Error(`the sweep script ${JSON.stringify(sweep)} needs a shell to run, and Windows has none here`);
  const [file, ...rest] = sweep.trim().split(/\s+/);
  return { file: file as string, argv: [...rest, ...args], detached: false };
}

/**
 * Start a runner's `sweep` script in its package folder, with `args` appended, as pnpm would run
 * it but without pnpm in between (see `sweepCommand`). On Windows `kill` is TerminateProcess
 * whatever the signal: a stopped runner there writes no result file.
 */
export function startRunner(
  runner: Runner,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Invocation {
  let cmd: SweepCommand;
  try {
    cmd = sweepCommand(runner.sweep, args, platform);
  } catch (error) {
    return {
      pid: undefined,
      kill: () => undefined,
      done: Promise.resolve({ code: null, signal: null, error: error as Error }),
    };
  }
  const child = spawn(cmd.file, cmd.argv, {
    cwd: runner.dir,
    env,
    stdio: 'inherit',
    detached: cmd.detached,
    windowsHide: true,
  });
  const done = new Promise<Outcome>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      // Without a shell Windows runs only programs (bun.exe), not the .cmd shims of node_modules/.bin.
      if (platform === 'win32' && error.code === 'ENOENT')
        error.message = `${error.message}: no ${cmd.file}.exe on PATH (Windows starts runners without a shell)`;
      resolve({ code: null, signal: null, error });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: child.pid,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    done,
  };
}
