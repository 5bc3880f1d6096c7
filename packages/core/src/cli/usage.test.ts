import { describe, expect, test } from 'vitest';
import { UsageError, usageErrorText } from '../errors.ts';
import { parseArgs, RUNNER_FLAG_NAMES, USAGE_WIDTH, usage } from './args.ts';

const impls = {
  threads: ['worker_threads', 'piscina', 'tinypool', 'workerpool', 'poolifier'],
  processes: ['child_process', 'tinypool-process', 'workerpool-process', 'poolifier-cluster'],
} as const;

describe('--help', () => {
  const text = usage('tvp run', impls, './tvp-results/');

  test('lists every flag the parser takes', () => {
    for (const name of RUNNER_FLAG_NAMES) expect(text, `--${name}`).toMatch(new RegExp(`^  --${name} `, 'm'));
  });

  test(`fits ${USAGE_WIDTH} columns, the longest impl list included`, () => {
    const long = text.split('\n').filter((l) => l.length > USAGE_WIDTH);
    expect(long).toEqual([]);
  });

  test('says when the situational flags are worth using', () => {
    expect(text).toMatch(/--arrival-rate[\s\S]*for a server|for a server[\s\S]*--arrival-rate/);
    expect(text).toContain('creating the pool to the last exit (to compare with the article or CPython)');
    expect(text).toMatch(/--task payload: when deciding how to send large data/);
    expect(text).toMatch(/--arg-transfer clone[^-]*worth a run each when arg is large/);
  });

  test('the lines a wrapping program adds come before --help', () => {
    const withRuntime = usage('tvp run', impls, './tvp-results/', '  --runtime LIST         x\n');
    expect(withRuntime).toMatch(/ {2}--runtime LIST {9}x\n {2}--help/);
  });
});

describe('a usage error', () => {
  test('is the message and where the flags are, not the whole usage', () => {
    let message = '';
    try {
      parseArgs(['--wrokers', '2'], { impls, defaultOut: '/r', cwd: '/' });
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      message = (err as Error).message;
    }
    expect(usageErrorText(message, 'tvp run --help')).toBe(
      'error: unknown flag --wrokers\n(tvp run --help lists every flag and its default)\n',
    );
  });
});
