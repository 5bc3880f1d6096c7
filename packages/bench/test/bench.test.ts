import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runBench } from '../src/bench.ts';
import { fakeRunners, type Plan, readLog } from './workspace.ts';

/** Run the bench in this process over a workspace of fake runners; collect what it printed. */
async function bench(argv: string[], runtimes: string[], plans: Record<string, Plan> = {}) {
  const root = fakeRunners(runtimes, plans);
  let stdout = '';
  let stderr = '';
  const code = await runBench(argv, {
    from: path.join(root, 'packages'),
    env: { ...process.env, TVP_CWD: '/where/the/user/was' },
    cwd: root,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  const log = readLog(root);
  return { root, code, stdout, stderr, log, starts: log.filter((e) => e.event === 'start') };
}

describe('runBench', () => {
  test('three runtimes over 2 rounds: ABC then BCA, one at a time, a line before each', async () => {
    const r = await bench(['--rounds', '2'], ['a', 'b', 'c']);
    expect(r.code).toBe(0);
    expect(r.starts.map((e) => e.runtime).join('')).toBe('abcbca');
    // Never two at once: each runner ended before the next started.
    const ends = r.log.filter((e) => e.event === 'end');
    for (let i = 1; i < r.starts.length; i++) expect(r.starts[i]!.t).toBeGreaterThanOrEqual(ends[i - 1]!.t);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('bench: round'))).toEqual([
      'bench: round 1/2, a (1 of 3 this round)',
      'bench: round 1/2, b (2 of 3 this round)',
      'bench: round 1/2, c (3 of 3 this round)',
      'bench: round 2/2, b (1 of 3 this round)',
      'bench: round 2/2, c (2 of 3 this round)',
      'bench: round 2/2, a (3 of 3 this round)',
    ]);
    expect(r.stdout).toMatch(/bench: 6 runner invocation\(s\) in 2 round\(s\), batch [0-9a-f-]{36}: all ok/);
  });

  test('every runner gets the flags unchanged, one batch id, its round, TVP_CWD and the .bin folders on PATH', async () => {
    const r = await bench(['--quick', '--rounds=2', '--label', 'a b'], ['a', 'b']);
    const ids = new Set(r.starts.map((e) => e.batch?.[0]));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.starts.map((e) => e.batch?.slice(1))).toEqual([
      ['1', '2'],
      ['1', '2'],
      ['2', '2'],
      ['2', '2'],
    ]);
    for (const e of r.starts) {
      expect(e.args).toEqual(['--quick', '--label', 'a b']);
      expect(e.cwd).toBe('/where/the/user/was');
      const bins = e.path?.split(path.delimiter).slice(0, 2);
      expect(bins).toEqual([
        path.join(r.root, 'packages', `runner-${e.runtime}`, 'node_modules', '.bin'),
        path.join(r.root, 'node_modules', '.bin'),
      ]);
    }
  });

  test('two benches get two batch ids', async () => {
    const [one, two] = [await bench([], ['a']), await bench([], ['a'])];
    expect(one.starts[0]?.batch?.[0]).not.toBe(two.starts[0]?.batch?.[0]);
  });

  test('a runner that exits 1 does not stop the others; the bench exits 1 and names it', async () => {
    const r = await bench(['--rounds', '2'], ['a', 'b'], { a: { exit: 1 } });
    expect(r.code).toBe(1);
    expect(r.starts.map((e) => e.runtime).join('')).toBe('abba');
    expect(r.stderr).toMatch(/bench: 2 of 4 runner invocation\(s\) .* failed: round 1\/2, a \(exit 1\); round 2\/2, a/);
  });

  test('a runner that exits 2 (bad flags) stops the bench at once with exit 2', async () => {
    const r = await bench(['--rounds', '3', '--workers', '0'], ['a', 'b'], { a: { exit: 2 } });
    expect(r.code).toBe(2);
    expect(r.starts.map((e) => e.runtime)).toEqual(['a']);
    expect(r.stderr).toMatch(/bench: a refused the flags \(exit 2\): no other runner started/);
  });

  test('a runner stopped by a signal from elsewhere (exit 143) stops the bench with its status', async () => {
    const r = await bench(['--rounds', '2'], ['a', 'b'], { a: { exit: 143 } });
    expect(r.code).toBe(143);
    expect(r.starts.map((e) => e.runtime)).toEqual(['a']);
    expect(r.stderr).toMatch(/bench: stopped during round 1\/2, a: no other runner started/);
  });

  test('--runtime b: only that runner runs, without the flag; an unknown runtime: exit 2, none runs', async () => {
    const r = await bench(['--runtime', 'b', '--quick'], ['a', 'b']);
    expect(r.code).toBe(0);
    expect(r.starts.map((e) => [e.runtime, e.args])).toEqual([['b', ['--quick']]]);
    const bad = await bench(['--runtime', 'deno'], ['a', 'b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^bench: error: --runtime: no runner for deno \(runtimes here: a, b\)/);
    expect(bad.log).toEqual([]);
  });

  test('a bad --rounds: exit 2, a message naming the flag, no runner started', async () => {
    for (const argv of [['--rounds', '0'], ['--rounds', 'x'], ['--rounds', '1', '--rounds', '1'], ['--rounds']]) {
      const r = await bench([...argv, '--quick'], ['a', 'b']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^bench: error: --rounds/);
      expect(r.stderr).toMatch(/Usage: pnpm bench/);
      expect(r.log).toEqual([]);
    }
  });

  test('--help: the bench usage with the runtimes in order, then the first runner alone gets --help', async () => {
    const r = await bench(['--help', '--rounds', '2'], ['b', 'a'], { b: { exit: 0 } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: pnpm bench -- \[--rounds K\]/);
    expect(r.stdout).toContain('Runtimes, in the order of round 1: b (@fake/runner-b), a (@fake/runner-a)');
    expect(r.starts.map((e) => [e.runtime, e.args])).toEqual([['b', ['--help']]]);
    expect(r.starts[0]?.batch).toEqual([null, null, null]); // JSON's undefined
  });

  test('a workspace without runners: exit 1, and the error says what is missing', async () => {
    const r = await bench([], []);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bench: error: no runner found/);
  });
});
