import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PythonError } from './errors.ts';
import { notFoundMessage } from './interpreter.ts';

/** The Python program, shipped beside dist/ in the package. */
export const SWEEP_SCRIPT = fileURLToPath(new URL('../python/tvp_sweep.py', import.meta.url));

/** How much of Python's stderr an error message quotes (its end: a traceback's last lines). */
const STDERR_TAIL = 2000;
/** A line longer than this is not the protocol (the longest, the cpu answers, is ~11 bytes a task). */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** After the program exits, how long what it started (forkserver, resource tracker) may hold stdout. */
const LINGER_MS = 2000;

/** How the Python program ended. */
export type ChildEnd = { kind: 'exited'; code: number | null; signal: string | null } | { kind: 'killed' };

export interface ChildOptions {
  python: string;
  /** The config as JSON: the first line of the program's stdin (no argument size limit). */
  config: string;
  /** Each complete line of stdout; throwing stops the child (its process group) and rejects. */
  onLine: (line: string, lineNo: number) => void;
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/**
 * Run the Python program in its own process group, feed its stdout to `onLine` line by line,
 * and resolve when it has ended. An abort kills the whole group (the program and every pool
 * worker, whatever its start method) with SIGKILL at once and resolves `killed`. Rejects with a
 * PythonError when the interpreter cannot start or a line handler throws.
 */
export function runChild(o: ChildOptions): Promise<{ end: ChildEnd; stderr: string }> {
  return new Promise((resolve, reject) => {
    // detached: a new process group (and session), so that one kill reaches the pool workers, and a
    // terminal's Ctrl-C reaches the TypeScript side alone, which then decides.
    const child = spawn(o.python, ['-u', SWEEP_SCRIPT], {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: o.env ?? process.env,
    });
    let stderr = '';
    let pending = '';
    let lineNo = 0;
    let failure: Error | undefined;
    let killed = false;
    const killGroup = () => {
      if (killed || child.pid === undefined) return;
      killed = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group has already gone.
      }
    };
    const onAbort = () => killGroup();
    o.signal.addEventListener('abort', onAbort, { once: true });
    if (o.signal.aborted) onAbort();
    const stop = (err: Error) => {
      failure ??= err;
      killGroup();
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (failure || killed) return;
      pending += chunk;
      let nl = pending.indexOf('\n');
      while (nl >= 0 && !failure) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        lineNo++;
        try {
          o.onLine(line, lineNo);
        } catch (err) {
          stop(err as Error);
        }
        nl = pending.indexOf('\n');
      }
      if (pending.length > MAX_LINE_BYTES) stop(new PythonError(`python output line ${lineNo + 1} is over 64 MiB`));
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    // After the config line the Python side reads stdin only to notice that this process has gone
    // (EOF), so it stays open; a program that has already exited makes the write fail, which the
    // exit code then explains.
    child.stdin.on('error', () => {});
    child.stdin.write(`${o.config}\n`); // JSON.stringify writes no raw newline: one line
    child.on('error', (err: NodeJS.ErrnoException) => {
      o.signal.removeEventListener('abort', onAbort);
      reject(
        new PythonError(
          err.code === 'ENOENT' ? notFoundMessage(o.python) : `could not start ${o.python}: ${err.message}`,
        ),
      );
    });
    let linger: NodeJS.Timeout | undefined;
    child.on('exit', () => {
      // Normally every helper process leaves with the program; one that does not is killed.
      linger = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          // Gone already.
        }
      }, LINGER_MS);
    });
    child.on('close', (code, sig) => {
      clearTimeout(linger);
      o.signal.removeEventListener('abort', onAbort);
      child.stdin.destroy();
      if (failure) return reject(failure);
      if (!killed && pending.length > 0) {
        return reject(new PythonError(`python output ended inside a line: ${JSON.stringify(pending.slice(0, 120))}`));
      }
      resolve({ end: killed ? { kind: 'killed' } : { kind: 'exited', code, signal: sig }, stderr });
    });
  });
}
