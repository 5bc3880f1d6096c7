import { afterEach, describe, expect, test } from 'vitest';
import { discoverRunners } from '../src/discover.ts';
import { startRunner } from '../src/invoke.ts';
import { Supervisor } from '../src/supervisor.ts';
import { fakeRunners, readLog } from './workspace.ts';

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 10));
  return check();
};

const supervisors: Supervisor[] = [];
afterEach(() => {
  for (const s of supervisors.splice(0)) s.close();
});

/** A supervisor over one hanging fake runner, started; `exits` collects what it would exit with. */
async function hanging(platform: NodeJS.Platform) {
  const root = fakeRunners(['a'], { a: { hang: true, lingerMs: 50 } });
  const exits: number[] = [];
  const sup = new Supervisor(((code: number) => exits.push(code)) as (code: number) => never, platform);
  supervisors.push(sup);
  const [runner] = discoverRunners(root);
  const done = sup.run(runner as NonNullable<typeof runner>, [], process.env);
  expect(await until(() => readLog(root).some((e) => e.event === 'start'), 10_000)).toBe(true);
  return { root, sup, exits, done };
}

describe('Supervisor', () => {
  test('POSIX: the first SIGINT goes on to the runner, which finishes and exits 130', async () => {
    const { root, sup, done } = await hanging('linux');
    sup.onSignal('SIGINT');
    expect(await done).toEqual({ code: 130, signal: null });
    expect(
      readLog(root)
        .filter((e) => e.event === 'signal')
        .map((e) => e.signal),
    ).toEqual(['SIGINT']);
  });

  test('as on Windows: the first signal is not passed on (kill would be TerminateProcess); the second kills and exits', async () => {
    const { root, sup, exits, done } = await hanging('win32');
    sup.onSignal('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    expect(readLog(root).filter((e) => e.event !== 'start')).toEqual([]);
    expect(sup.stoppedBy).toBe('SIGINT');
    sup.onSignal('SIGINT');
    expect(await done).toEqual({ code: null, signal: 'SIGKILL' });
    expect(exits).toEqual([130]);
  });
});

test('as on Windows, a program not on PATH: the error says Windows needs an .exe there', async () => {
  const [runner] = discoverRunners(fakeRunners(['a']));
  const r = { ...(runner as NonNullable<typeof runner>), sweep: 'no-such-runner-program src/cli.ts' };
  const o = await startRunner(r, [], process.env, 'win32').done;
  expect(o.error?.message).toMatch(
    /ENOENT: no no-such-runner-program\.exe on PATH \(Windows starts runners without a shell\)/,
  );
});
