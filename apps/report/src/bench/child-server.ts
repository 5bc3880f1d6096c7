import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The report's command line this bench starts: its own build, or another's (`REPORT_CLI`, e.g. a base commit's). */
export const REPORT_CLI = process.env.REPORT_CLI ?? fileURLToPath(new URL('../cli.js', import.meta.url));

/** Linux's USER_HZ: /proc reports CPU time in hundredths of a second. */
const CLOCK_TICKS = 100;

/** A report server in a child process, so its memory is its own and not the bench's. */
export interface ChildServer {
  url: string;
  pid: number;
  /** Spawn to "listening", which the CLI prints only after its first read of the folder. */
  startMs: number;
  /** Resident memory now, MiB (VmRSS). */
  rss(): Promise<number>;
  /** CPU time the server has used so far, ms (user + system, all its threads; 10 ms steps): less noisy than wall time on a shared machine. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

/** Start `tvp-report --port 0 --results DIR` (this build's, or `cli`) and wait for the URL it prints. */
export function startServer(dir: string, cli = REPORT_CLI): Promise<ChildServer> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0', '--results', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('exit', (code) => reject(new Error(`report server exited with ${code} before listening: ${err}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /report: (http:\/\/\S+)/.exec(out);
      if (!m) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.removeAllListeners('exit');
      const startMs = performance.now() - t0;
      resolve({
        url: m[1]!,
        pid: child.pid!,
        startMs,
        rss: async () => {
          const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
        },
        cpuMs: async () => {
          // After the name in parentheses: state is field 3, utime and stime fields 14 and 15, in clock ticks.
          const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
        },
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
