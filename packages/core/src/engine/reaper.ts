import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/**
 * The variable that marks every process worker a run starts: `<REAP_VAR>=<this run's token>` is in
 * the environment each is started with (worker-env.ts adds it). Not in process.env: a program
 * that calls the API keeps its own environment, and what it starts later is not reaped.
 */
export const REAP_VAR = 'TVP_REAP';

/**
 * The reaper: a shell blocked reading a pipe whose other end only this process holds. When this
 * process ends in any way, SIGKILL included, the read returns end-of-file, and the shell kills
 * every process whose starting environment carries the run's mark. A process worker busy in a
 * task never runs its own parent check (parent-watch.ts runs on its JavaScript thread), so
 * something outside it must end it. The shell that is started leaves at once and the reaper runs
 * in its background, so that it is nobody's child (a test counting a runner's workers by its
 * children sees only workers). The pipe is its fd 3, not stdin: Node closes a child's stdin pipe
 * when the child exits, which here is at once; and a background job's stdin is /dev/null.
 * It ignores the signals a terminal or a group kill sends: it must outlive the runner to do its
 * work. `grep -z` reads /proc/<pid>/environ, NUL-separated.
 */
const SCRIPT = `(
  exec <&3 3<&-
  trap '' HUP INT TERM QUIT
  while read -r _; do :; done
  grep -lzxF "${REAP_VAR}=$1" /proc/[0-9]*/environ 2>/dev/null | while IFS=/ read -r _ _ pid _; do
    kill -9 "$pid" 2>/dev/null
  done
) &`;

let token: string | undefined;
let marking = false;

/**
 * Start this process's reaper once (later calls return the same token); the mark is not set.
 * Linux only (it reads /proc): elsewhere returns undefined, and a process worker relies on its
 * parent check alone. Never keeps this process alive.
 */
export function startReaper(): string | undefined {
  if (token !== undefined) return token;
  // Not by checking /proc from here: Deno's permissions refuse /proc without --allow-all.
  if (process.platform !== 'linux') return undefined;
  const mine = randomUUID();
  // Without the mark, in case this process was itself started as a marked worker.
  const env = { ...process.env };
  delete env[REAP_VAR];
  let child: ReturnType<typeof spawn>;
  try {
    // detached: its own session, so that no terminal's signal reaches it.
    const stdio = ['ignore', 'ignore', 'ignore', 'pipe'] as const;
    child = spawn('/bin/sh', ['-c', SCRIPT, 'tvp-reaper', mine], { stdio: [...stdio], env, detached: true });
  } catch {
    return undefined;
  }
  // No shell to start: the parent check still covers every worker that is not busy.
  child.on('error', () => {});
  child.unref();
  // The pipe must not hold this process's event loop open (Node docs, options.detached).
  (child.stdio[3] as unknown as { unref?: () => void } | null)?.unref?.();
  token = mine;
  return mine;
}

/**
 * Make every process worker started from now on die with this process, however it ends: start
 * the reaper and mark the workers' environment. Called before anything is timed: a worker pays
 * one more variable, and the reaper sleeps in a read.
 */
export function reapWorkersOnExit(): void {
  if (startReaper() !== undefined) marking = true;
}

/** Turn the mark on or off (the start benchmark compares both); on only once the reaper runs. */
export function markWorkers(on: boolean): void {
  marking = on && startReaper() !== undefined;
}

/** The variable to add to a process worker's environment, when workers are being reaped. */
export const reapMark = (): readonly [string, string] | undefined =>
  marking && token !== undefined ? [REAP_VAR, token] : undefined;
