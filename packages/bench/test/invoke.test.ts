import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readRunner } from '../src/discover.ts';
import { startRunner, sweepCommand } from '../src/invoke.ts';
import { fakeRunners, readLog } from './workspace.ts';

describe('sweepCommand', () => {
  test('POSIX: through sh -c with exec, in a process group of its own; the arguments as "$@"', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(sweepCommand('node dist/cli.js', ['--out', 'a b'], platform)).toEqual({
        file: 'sh',
        argv: ['-c', 'exec node dist/cli.js "$@"', 'sweep', '--out', 'a b'],
        detached: true,
      });
    }
  });

  test('Windows: no sh; the script split into argv, started directly, not detached', () => {
    expect(sweepCommand('  bun   src/cli.ts ', ['--label', 'win x'], 'win32')).toEqual({
      file: 'bun',
      argv: ['src/cli.ts', '--label', 'win x'],
      detached: false,
    });
  });

  test.each(['node "dist/cli.js"', 'node $HOME/cli.js', 'node %APPDATA%\\cli.js', "bun 'a b'"])(
    'Windows: a script that needs a shell (%s) is refused, saying so',
    (script) => {
      expect(() => sweepCommand(script, [], 'win32')).toThrow(/needs a shell to run, and Windows has none here/);
    },
  );
});

describe('startRunner', () => {
  const runnerOf = (root: string) => {
    const file = path.join(root, 'packages', 'runner-a', 'package.json');
    const pkg = {
      name: 'a',
      scripts: { sweep: 'node ../../fake-runner.mjs a' },
      tvp: { runner: { runtime: 'a', order: 1 } },
    };
    return readRunner(file, pkg) as NonNullable<ReturnType<typeof readRunner>>;
  };

  // The Windows path (argv without sh) runs here on Linux: only spawn's own Windows behaviour is untested.
  test.each(['linux', 'win32'] as const)(
    'as on %s: the runner starts and gets every argument unchanged',
    async (platform) => {
      const root = fakeRunners(['a']);
      const inv = startRunner(runnerOf(root), ['--out', 'x y', '--label', 'a"b'], process.env, platform);
      expect(await inv.done).toEqual({ code: 0, signal: null });
      const [start] = readLog(root);
      expect(start?.args).toEqual(['--out', 'x y', '--label', 'a"b']);
      expect(start?.pid).toBe(inv.pid);
    },
  );

  test('a script Windows cannot start without a shell: the outcome carries the error, nothing starts', async () => {
    const runner = { ...runnerOf(fakeRunners(['a'])), sweep: 'node "$X"' };
    const o = await startRunner(runner, [], process.env, 'win32').done;
    expect(o.error?.message).toMatch(/needs a shell/);
  });
});
