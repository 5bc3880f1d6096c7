import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { type ParseContext, parseArgs } from './args.ts';

const ctx: ParseContext = {
  impls: { threads: ['worker_threads'], processes: ['child_process'] },
  defaultOut: '/repo/results',
  cwd: '/here',
};
const config = (...argv: string[]) => {
  const r = parseArgs(argv, ctx);
  if (r.kind !== 'run') throw new Error('expected a run');
  return r.config;
};

describe('--pool', () => {
  test('cold by default and under --preset article: the file says nothing (absent = cold)', () => {
    expect(config().pools).toBeUndefined();
    expect(config('--preset', 'article').pools).toBeUndefined();
    expect(config('--pool', 'cold').pools).toBeUndefined();
  });

  test('warm, both in the order given, all, repeats dropped', () => {
    expect(config('--pool', 'warm').pools).toEqual(['warm']);
    expect(config('--pool', 'cold,warm').pools).toEqual(['cold', 'warm']);
    expect(config('--pool', 'warm,cold').pools).toEqual(['warm', 'cold']);
    expect(config('--pool', 'all').pools).toEqual(['cold', 'warm']);
    expect(config('--pool=warm,warm').pools).toEqual(['warm']);
    expect(config('--preset', 'article', '--pool', 'cold,warm').pools).toEqual(['cold', 'warm']);
  });

  test.each([
    ['hot', /--pool: unknown value 'hot'; accepted: cold, warm/],
    ['cold,lukewarm', /--pool: unknown value 'lukewarm'/],
    ['', /--pool: unknown value ''|--pool needs a value/],
    ['Warm', /--pool: unknown value 'Warm'/],
  ])('--pool %j is a usage error naming the value', (value, message) => {
    expect(() => parseArgs(['--pool', value], ctx)).toThrow(UsageError);
    expect(() => parseArgs(['--pool', value], ctx)).toThrow(message);
  });

  test('twice is refused', () => {
    expect(() => parseArgs(['--pool', 'warm', '--pool', 'cold'], ctx)).toThrow(/--pool given twice/);
  });
});
