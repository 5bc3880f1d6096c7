import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, test } from 'vitest';
import { alive, childPids, type ProcSource, until } from './procs.ts';

// Only Linux runs here: the macOS path (ps, signal 0) is run on Linux by hiding /proc (a folder
// that is not there) or by naming another platform; what differs on a real Mac is untested.
const SOURCES: [string, ProcSource][] = [
  ['/proc (Linux)', {}],
  ['ps and signal 0 (as without /proc)', { procRoot: '/no/such/proc' }],
  ['ps and signal 0 (as on macOS)', { platform: 'darwin' }],
];

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
});

/** A process that starts two children of its own and prints their pids. */
async function parentOfTwo(): Promise<{ parent: number; kids: number[] }> {
  const code = `const { spawn } = require('node:child_process');
const kids = [0, 1].map(() => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }));
console.log(JSON.stringify(kids.map((k) => k.pid)));
setInterval(() => {}, 1000);`;
  const p = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  started.push(p);
  const line = await new Promise<string>((resolve) => p.stdout?.once('data', (d) => resolve(String(d))));
  return { parent: p.pid as number, kids: JSON.parse(line) as number[] };
}

describe.runIf(process.platform === 'linux').each(SOURCES)('process checks through %s', (_, source) => {
  test('childPids lists the direct children; alive sees them, then sees them gone', async () => {
    const { parent, kids } = await parentOfTwo();
    expect(childPids(parent, source).sort()).toEqual([...kids].sort());
    expect(kids.every((k) => alive(k, source))).toBe(true);
    process.kill(-parent, 'SIGKILL');
    for (const k of kids) expect(await until(() => !alive(k, source), 2000)).toBe(true);
    // The killed parent is reaped a moment later; until then its zombie may still list the dead kids.
    expect(await until(() => childPids(parent, source).length === 0, 2000)).toBe(true);
  });

  test('a pid nobody has: not alive, no children', () => {
    expect(alive(2 ** 22 + 12345, source)).toBe(false);
    expect(childPids(2 ** 22 + 12345, source)).toEqual([]);
  });

  test('a zombie (exited, not yet reaped) is not alive', async () => {
    // A shell that execs into a sleeper after starting a child that exits at once: nobody reaps it.
    const p = spawn('sh', ['-c', 'sh -c "exit 0" & exec sleep 5'], { stdio: 'ignore' });
    started.push(p);
    expect(await until(() => childPids(p.pid as number, {}).length === 1, 3000)).toBe(true);
    const kids = childPids(p.pid as number, {});
    expect(await until(() => !alive(kids[0] as number, source), 3000)).toBe(true);
    // Still there for signal 0: a check by signal alone would call it alive.
    expect(() => process.kill(kids[0] as number, 0)).not.toThrow();
  });
});

test('Windows: childPids fails clearly; alive goes by signal 0 alone', () => {
  expect(() => childPids(process.pid, { platform: 'win32' })).toThrow(/not implemented on Windows/);
  expect(alive(process.pid, { platform: 'win32' })).toBe(true);
  expect(alive(2 ** 22 + 12345, { platform: 'win32' })).toBe(false);
});
