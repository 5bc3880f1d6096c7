import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where to look: the platform (the checks differ per platform) and the /proc folder. Tests pass
 * another platform or a missing folder to run the fallbacks on Linux.
 */
export interface ProcSource {
  platform?: NodeJS.Platform;
  procRoot?: string;
}

const PROC = '/proc';

/** /proc is usable: Linux, and the folder is there (not in every container, not on macOS). */
const hasProc = (s: ProcSource) =>
  (s.platform ?? process.platform) === 'linux' && existsSync(path.join(s.procRoot ?? PROC, 'self'));

/** Direct children of `pid` from /proc/<pid>/task/<tid>/children. */
function procChildren(pid: number, root: string): number[] {
  const out: number[] = [];
  try {
    const tasks = path.join(root, String(pid), 'task');
    for (const tid of readdirSync(tasks)) {
      const text = readFileSync(path.join(tasks, tid, 'children'), 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // The process has gone: it has no children.
  }
  return out;
}

/** Every process as `[pid, ppid, state]`, from `ps` (macOS and other Unix without /proc). */
function psTable(): [number, number, string][] {
  const text = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'stat='], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 5000,
  });
  return text.split('\n').flatMap((line) => {
    const [pid, ppid, stat] = line.trim().split(/\s+/);
    return pid && ppid ? [[Number(pid), Number(ppid), stat ?? ''] as [number, number, string]] : [];
  });
}

// Windows has neither /proc nor ps; its tool (Get-CimInstance Win32_Process) is not tested here.
const NO_WINDOWS = 'childPids: listing child processes is not implemented on Windows (no /proc, no ps)';

/** Direct child process ids of `pid`: from /proc on Linux, else from `ps`; throws on Windows. */
export function childPids(pid: number, source: ProcSource = {}): number[] {
  if (hasProc(source)) return procChildren(pid, source.procRoot ?? PROC);
  if ((source.platform ?? process.platform) === 'win32') throw new Error(NO_WINDOWS);
  return psTable()
    .filter(([, ppid, stat]) => ppid === pid && !stat.startsWith('Z'))
    .map(([child]) => child);
}

/** A signal 0 reaches the process: it exists (EPERM: it exists, owned by someone else). */
function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True while a process with this id exists and is not a zombie: /proc/<pid>/stat on Linux; else
 * `process.kill(pid, 0)`, and on Unix `ps` to tell a zombie (a zombie still takes signal 0).
 */
export function alive(pid: number, source: ProcSource = {}): boolean {
  if (hasProc(source)) {
    try {
      const stat = readFileSync(path.join(source.procRoot ?? PROC, String(pid), 'stat'), 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  }
  if (!signalable(pid)) return false;
  if ((source.platform ?? process.platform) === 'win32') return true;
  const row = psTable().find(([p]) => p === pid);
  return row !== undefined && !row[2].startsWith('Z');
}

/** Wait until `check` holds, polling; false if `ms` passed first. */
export async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}
