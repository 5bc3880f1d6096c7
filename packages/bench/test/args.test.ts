import { UsageError } from '@tvp/core';
import { describe, expect, test } from 'vitest';
import { selectRunners, splitArgs } from '../src/args.ts';

describe('splitArgs', () => {
  test('no flags: one round, nothing for the runners', () => {
    expect(splitArgs([])).toEqual({ rounds: 1, help: false, runnerArgs: [] });
  });

  test('--rounds K and --rounds=K are taken out; every other argument reaches the runners in order', () => {
    expect(splitArgs(['--quick', '--rounds', '2', '--out', 'x y'])).toEqual({
      rounds: 2,
      help: false,
      runnerArgs: ['--quick', '--out', 'x y'],
    });
    expect(splitArgs(['--', '--rounds=100', '--workers', '1,2']).runnerArgs).toEqual(['--', '--workers', '1,2']);
    expect(splitArgs(['--rounds=100']).rounds).toBe(100);
  });

  test('flags the bench does not know pass through unchanged, even malformed ones: the runners judge them', () => {
    const args = ['--workers', '0', '--round', '3', '--roundsx', '--task=io', 'stray'];
    expect(splitArgs(args).runnerArgs).toEqual(args);
  });

  test('--help is seen, and still reaches the runner', () => {
    expect(splitArgs(['--rounds', '3', '--help'])).toEqual({ rounds: 3, help: true, runnerArgs: ['--help'] });
  });

  test('--runtime LIST is taken out for the bench; selectRunners keeps their order and refuses unknown names', () => {
    expect(splitArgs(['--runtime', 'bun,node', '--quick'])).toEqual({
      rounds: 1,
      help: false,
      runtimes: ['bun', 'node'],
      runnerArgs: ['--quick'],
    });
    expect(splitArgs(['--runtime=node', '--rounds=2']).runtimes).toEqual(['node']);
    const runners = [{ runtime: 'node' }, { runtime: 'bun' }];
    expect(selectRunners(runners, ['bun', 'node'])).toEqual(runners);
    expect(selectRunners(runners, ['bun'])).toEqual([{ runtime: 'bun' }]);
    expect(selectRunners(runners)).toEqual(runners);
    expect(() => selectRunners(runners, ['deno'])).toThrow('--runtime: no runner for deno (runtimes here: node, bun)');
  });

  test.each([
    [['--runtime'], /^--runtime needs a value/],
    [['--runtime', 'Node'], /^--runtime: 'Node' is not a list of runtimes/],
    [['--runtime', 'node,'], /^--runtime: 'node,' is not a list/],
    [['--runtime', 'node', '--runtime=bun'], /^--runtime given twice$/],
  ])('%j is refused with a message naming --runtime', (argv, message) => {
    expect(() => splitArgs(argv)).toThrow(message);
  });

  test.each([
    [['--rounds', '0'], /^--rounds: '0' is not a whole number from 1 to 100$/],
    [['--rounds', '101'], /^--rounds: '101' is not a whole number from 1 to 100$/],
    [['--rounds', '1000'], /--rounds: '1000'/],
    [['--rounds', '-1'], /^--rounds: '-1' is not a whole number/],
    [['--rounds', '2.5'], /--rounds: '2.5' is not a whole number/],
    [['--rounds', ' 2'], /--rounds: ' 2'/],
    [['--rounds', '1e1'], /--rounds: '1e1'/],
    [['--rounds', 'two'], /--rounds: 'two'/],
    [['--rounds='], /--rounds: '' is not a whole number/],
    [['--rounds'], /^--rounds needs a value/],
    [['--rounds', '--quick'], /^--rounds needs a value/],
    [['--rounds', '2', '--rounds', '2'], /^--rounds given twice$/],
    [['--rounds=2', '--quick', '--rounds', '3'], /^--rounds given twice$/],
  ])('%j is refused with a message naming --rounds', (argv, message) => {
    expect(() => splitArgs(argv)).toThrow(UsageError);
    expect(() => splitArgs(argv)).toThrow(message);
  });
});
