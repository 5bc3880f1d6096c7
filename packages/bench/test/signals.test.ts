import { type ChildProcess, spawn } from 'node:child_process';
import { alive, until } from '@tvp/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeRunners, type LogEntry, readLog } from './workspace.ts';

// The built bench (turbo builds it before the tests), in a process of its own: signals are
// process-wide, so they are tested on a real process and not inside the test runner.
const DIST = new URL('../dist/index.js', import.meta.url).href;
const MAIN = `const { runBench } = await import(${JSON.stringify(DIST)});
process.exitCode = await runBench(process.argv.slice(1), {
  from: process.env.BENCH_ROOT, env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr,
});`;

// Process groups to kill after each test, so that a failing test leaves no runner behind.
const groups: number[] = [];
afterEach(() => {
  for (const pgid of groups.splice(0)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
});

/** Start a bench over fake runners `a`, `b` where `a` waits for a signal; resolves once `a` runs. */
async function startBench(lingerMs: number) {
  const root = fakeRunners(['a', 'b'], { a: { hang: true, lingerMs } });
  // detached: its own process group, like a command a terminal runs in the foreground.
  const bench: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', MAIN, '--', '--rounds', '2'], {
    env: { ...process.env, BENCH_ROOT: root },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  groups.push(bench.pid as number);
  let stderr = '';
  bench.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => bench.on('exit', (code) => resolve(code)));
  expect(await until(() => readLog(root).some((e) => e.event === 'start'), 10_000)).toBe(true);
  const runner = readLog(root)[0] as LogEntry;
  groups.push(runner.pid); // the runner leads a group of its own
  return { root, bench, exited, runner, stderr: () => stderr };
}

const events = (root: string) => readLog(root).map((e) => `${e.runtime} ${e.event}${e.signal ? ` ${e.signal}` : ''}`);

describe('signals', () => {
  test('Ctrl-C (SIGINT to the process group): the runner gets it once, finishes, the bench exits with its code and starts no other', async () => {
    const b = await startBench(300);
    process.kill(-(b.bench.pid as number), 'SIGINT');
    expect(await b.exited).toBe(130);
    expect(events(b.root)).toEqual(['a start', 'a signal SIGINT', 'a end']);
    expect(readLog(b.root).at(-1)?.code).toBe(130);
    expect(b.stderr()).toMatch(/bench: stopped during round 1\/2, a: no other runner started/);
  });

  test('SIGTERM to the bench alone: forwarded to the runner, which finishes; exit 143', async () => {
    const b = await startBench(300);
    b.bench.kill('SIGTERM');
    expect(await b.exited).toBe(143);
    expect(events(b.root)).toEqual(['a start', 'a signal SIGTERM', 'a end']);
  });

  test('a second signal: the runner is killed with SIGKILL at once and the bench exits', async () => {
    const b = await startBench(60_000);
    b.bench.kill('SIGTERM');
    expect(await until(() => readLog(b.root).some((e) => e.event === 'signal'), 5000)).toBe(true);
    const t0 = performance.now();
    b.bench.kill('SIGINT');
    expect(await b.exited).toBe(130);
    expect(await until(() => !alive(b.runner.pid), 2000)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
    // It had no time to finish: no end, and only the first signal reached it.
    expect(events(b.root)).toEqual(['a start', 'a signal SIGTERM']);
  });
});
