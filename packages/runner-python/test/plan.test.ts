import { preset, type RunConfig } from '@tvp/core';
import { describe, expect, test } from 'vitest';
import { pythonImpls, startMethods } from '../src/impls.ts';
import { planPython } from '../src/plan.ts';

describe('impls: the platform default start method first', () => {
  test.each([
    ['linux', ['fork', 'spawn', 'forkserver']],
    ['darwin', ['spawn', 'fork', 'forkserver']],
    ['win32', ['spawn']],
  ] as const)('%s', (platform, methods) => {
    expect(startMethods(platform)).toEqual(methods);
    expect(pythonImpls(platform).processes).toEqual(methods.map((m) => `ProcessPoolExecutor-${m}`));
    expect(pythonImpls(platform).threads).toEqual(['ThreadPoolExecutor']);
  });
});

test("the plan is core's order, async on asyncio, a yardstick before noop on 1 pooled worker only", () => {
  const config: RunConfig = {
    ...preset('default'),
    tasks: ['noop'],
    workers: [1, 2],
    impls: ['ThreadPoolExecutor', 'ProcessPoolExecutor-spawn'],
    workerEnv: 'inherit',
    preset: 'default',
  };
  const plan = planPython(config, pythonImpls('linux'));
  expect(plan.map((c) => `${c.mode}/${c.impl} x${c.workers}${c.roundTrip ? ' +rt' : ''}`)).toEqual([
    'sequential/main x1',
    'threads/ThreadPoolExecutor x1 +rt',
    'processes/ProcessPoolExecutor-spawn x1 +rt',
    'async/asyncio x1',
    'threads/ThreadPoolExecutor x2',
    'processes/ProcessPoolExecutor-spawn x2',
    'async/asyncio x2',
  ]);
});
