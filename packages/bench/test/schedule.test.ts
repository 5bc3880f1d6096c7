import { describe, expect, test } from 'vitest';
import { rotate, schedule } from '../src/schedule.ts';

const order = (runners: string[], rounds: number) => schedule(runners, rounds).map((s) => `${s.round}:${s.runner}`);

describe('rotate', () => {
  test('left by k, modulo the length', () => {
    expect(rotate(['A', 'B', 'C'], 0)).toEqual(['A', 'B', 'C']);
    expect(rotate(['A', 'B', 'C'], 1)).toEqual(['B', 'C', 'A']);
    expect(rotate(['A', 'B', 'C'], 4)).toEqual(['B', 'C', 'A']);
    expect(rotate([], 3)).toEqual([]);
  });
});

describe('schedule', () => {
  test('two runtimes: AB, BA, AB', () => {
    expect(order(['node', 'bun'], 3)).toEqual(['1:node', '1:bun', '2:bun', '2:node', '3:node', '3:bun']);
  });

  test('three runtimes: ABC, BCA, CAB, then ABC again', () => {
    expect(
      schedule(['A', 'B', 'C'], 4)
        .map((s) => s.runner)
        .join(''),
    ).toBe('ABCBCACABABC');
  });

  test('over n rounds of n runtimes, each runtime runs once in every place', () => {
    const runners = ['A', 'B', 'C', 'D', 'E'];
    const slots = schedule(runners, runners.length);
    for (const r of runners) {
      expect(
        slots
          .filter((s) => s.runner === r)
          .map((s) => s.place)
          .sort(),
      ).toEqual([1, 2, 3, 4, 5]);
    }
  });

  test('each slot says its round and place, as the bench prints them', () => {
    expect(schedule(['node', 'bun'], 2)[3]).toEqual({ round: 2, rounds: 2, place: 2, of: 2, runner: 'node' });
    expect(schedule(['node'], 1)).toEqual([{ round: 1, rounds: 1, place: 1, of: 1, runner: 'node' }]);
  });
});
