import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { alive, childPids, until } from './procs.ts';

/** A sweep whose one cell's process workers hold a task that never yields (`--fault hang`). */
const HUNG_SWEEP = [
  ...['--task', 'noop', '--mode', 'processes', '--workers', '2', '--count', '4', '--repeat', '1', '--warmup', '0'],
  ...['--fault', 'hang', '--timeout-ms', '600000', '--quiet'],
];

/** The hung task has run this long (CPU time of one process) before the runner is killed. */
const HUNG_CPU_MS = 300;

/** Clock ticks per second of /proc/<pid>/stat's times: USER_HZ, 100 on every Linux port. */
const TICKS_PER_S = 100;

/** CPU time a process has used (user + system), ms, from /proc/<pid>/stat on Linux; 0 once it has gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "(comm) ": state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/** Every process below `pid` (children, their children, …). */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const todo = childPids(pid);
  while (todo.length > 0) {
    const p = todo.pop() as number;
    out.push(p);
    todo.push(...childPids(p));
  }
  return out;
}

/** What `killWhileHung` saw: every process below the runner, whether a task was seen busy, those still alive. */
export interface KilledRunner {
  processes: number[];
  busy: boolean;
  left: number[];
}

/**
 * Start a runner (`cmd` plus a sweep whose process workers hang busy, results to `out`), wait
 * until one process below it has burnt HUNG_CPU_MS of CPU in the hung task, SIGKILL the runner
 * alone, and report which of the processes below it are still there after `withinMs`. Linux
 * (reads /proc). A busy worker never runs its own parent check: only the run's reaper ends it.
 */
export async function killWhileHung(cmd: readonly string[], out: string, withinMs = 3000): Promise<KilledRunner> {
  const [bin, ...args] = cmd as [string, ...string[]];
  const runner = spawn(bin, [...args, ...HUNG_SWEEP, '--out', out], { stdio: 'ignore' });
  const pid = runner.pid as number;
  const busy = await until(() => descendants(pid).some((p) => cpuMs(p) >= HUNG_CPU_MS), 30_000);
  const processes = descendants(pid);
  runner.kill('SIGKILL');
  await until(() => processes.every((p) => !alive(p)), withinMs);
  const left = processes.filter((p) => alive(p));
  // Never leave a process behind for the next test, whatever the outcome.
  for (const p of left) process.kill(p, 'SIGKILL');
  return { processes, busy, left };
}
