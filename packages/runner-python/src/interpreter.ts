import { spawnSync } from 'node:child_process';

/** The interpreter to run: `TVP_PYTHON` when set, else `python3` on PATH. */
export function interpreter(env: NodeJS.ProcessEnv = process.env): string {
  return env.TVP_PYTHON || 'python3';
}

/** What to say when the interpreter cannot be started. */
export function notFoundMessage(python: string): string {
  return `${python} not found: install Python 3.9 or later, or set TVP_PYTHON to an interpreter's path`;
}

/** True when the interpreter cannot be started at all (not found, not executable). */
export function interpreterMissing(python: string): boolean {
  const r = spawnSync(python, ['-c', ''], { stdio: 'ignore', timeout: 10_000 });
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'EACCES';
}
