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

/**
 * Start a runner's `sweep` script in its package folder, with `args` appended, as pnpm would run
 * it but without pnpm in between: `sh -c 'exec <script> "$@"'`. `exec` makes the runner take the
 * shell's pid, so a signal sent to that pid reaches the runner itself (dash does not exec by
 * itself, and pnpm does not pass SIGTERM on). `detached` gives it its own process group: a
 * Ctrl-C meant for the bench then reaches the runner once, forwarded by the bench, and not
 * twice (a runner takes a second signal as "leave now, write nothing").
 */
export function startRunner(runner: Runner, args: readonly string[], env: NodeJS.ProcessEnv): Invocation {
  const child = spawn('sh', ['-c', `exec ${runner.sweep} "$@"`, 'sweep', ...args], {
    cwd: runner.dir,
    env,
    stdio: 'inherit',
    detached: true,
  });
  const done = new Promise<Outcome>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
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
