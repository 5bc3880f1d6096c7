import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { REAP_VAR } from './reaper.ts';

/** True while `pid` exists and is not a zombie (Linux). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

async function gone(pid: number, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return !alive(pid);
}

const dist = (file: string) => JSON.stringify(new URL(`../../dist/engine/${file}`, import.meta.url).href);

/**
 * A program that starts its reaper, then two busy processes in their own sessions (as if their
 * parent had gone): one with a worker's environment, one with its own; prints both pids and ends
 * in the way `end` says.
 */
const program = (end: string) => `
  import { spawn } from 'node:child_process';
  import { reapWorkersOnExit } from ${dist('reaper.js')};
  import { workerProcessEnv } from ${dist('worker-env.js')};
  reapWorkersOnExit();
  const busy = ['-e', 'for (;;) {}'];
  const opts = { stdio: 'ignore', detached: true };
  const worker = spawn(process.execPath, busy, { ...opts, env: workerProcessEnv('clean') });
  const other = spawn(process.execPath, busy, { ...opts, env: process.env });
  console.log(JSON.stringify({ worker: worker.pid, other: other.pid, mine: process.env[${JSON.stringify(REAP_VAR)}] ?? null }));
  ${end}`;

describe.runIf(process.platform === 'linux')('the run reaper', () => {
  test.each([
    ['exits normally', 'process.exit(0)'],
    ['is killed with SIGKILL', "process.kill(process.pid, 'SIGKILL')"],
  ])(
    'when the program %s, its marked worker is killed, nothing else',
    async (_, end) => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', program(end)], { encoding: 'utf8' });
      const { worker, other, mine } = JSON.parse(r.stdout) as { worker: number; other: number; mine: string | null };
      try {
        // The program's own environment is left alone: only its workers are marked.
        expect(mine).toBeNull();
        expect(await gone(worker, 5_000)).toBe(true);
        expect(alive(other)).toBe(true);
      } finally {
        for (const pid of [worker, other]) if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
    },
    15_000,
  );
});
