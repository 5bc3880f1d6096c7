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

describe('--arrival-rate, --arrival, --arrival-seed', () => {
  test('absent: no arrival runs', () => {
    expect(config().arrival).toBeUndefined();
  });

  test('rates in order, once each, poisson with the recorded default seed', () => {
    expect(config('--arrival-rate', '50,200,50,12.5').arrival).toEqual({
      rates: [50, 200, 12.5],
      kind: 'poisson',
      seed: 1,
      warmupMin: 10,
      warmupPerWorker: 2,
      sustainShare: 0.9,
    });
  });

  test('fixed spacing and a seed', () => {
    const a = config('--arrival-rate', '100', '--arrival', 'fixed', '--arrival-seed', '42').arrival;
    expect([a?.kind, a?.seed]).toEqual(['fixed', 42]);
  });

  test.each(['0', '-5', 'abc', '1e9', '200000', '', '5,,6', '0.001'])('bad rate %j: a usage error naming it', (bad) => {
    const call = () => config('--arrival-rate', bad);
    expect(call).toThrow(UsageError);
    expect(call).toThrow(/--arrival-rate: '[^']*' is not a rate; expected tasks per second/);
  });

  test('a bad rate inside a list is named', () => {
    expect(() => config('--arrival-rate', '50,fast,100')).toThrow(/'fast' is not a rate/);
  });

  test('--arrival and --arrival-seed need a rate; an unknown spacing is named', () => {
    expect(() => config('--arrival', 'fixed')).toThrow(/--arrival needs --arrival-rate/);
    expect(() => config('--arrival-seed', '3')).toThrow(/--arrival-seed needs --arrival-rate/);
    expect(() => config('--arrival-rate', '5', '--arrival', 'bursty')).toThrow(/--arrival: unknown value 'bursty'/);
    expect(() => config('--arrival-rate', '5', '--arrival', 'all')).toThrow(
      /--arrival: unknown value 'all'; accepted: poisson, fixed/,
    );
    expect(() => config('--arrival-rate', '5', '--arrival-seed', '-1')).toThrow(/--arrival-seed: '-1' is not valid/);
  });
});
