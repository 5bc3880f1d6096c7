import { expect, test } from 'vitest';
import { EQUAL_MARGIN, verdict } from './verdict.ts';

test('the margin is 5%', () => {
  expect(EQUAL_MARGIN).toBe(0.05);
});

test('faster and slower: the whole interval on one side of 1', () => {
  expect(verdict({ lo: 0.5, hi: 0.9 })).toBe('faster');
  expect(verdict({ lo: 1.1, hi: 2 })).toBe('slower');
});

test('equal: the whole interval inside [1/1.05, 1.05], even when it is resolved', () => {
  expect(verdict({ lo: 0.97, hi: 1.04 })).toBe('equal');
  expect(verdict({ lo: 1.01, hi: 1.02 })).toBe('equal');
  expect(verdict({ lo: 1 / 1.05, hi: 1.05 })).toBe('equal');
});

test('unresolved: neither side of 1, and not inside the margin', () => {
  expect(verdict({ lo: 0.9, hi: 1.04 })).toBe('unresolved');
  expect(verdict({ lo: 0.97, hi: 1.06 })).toBe('unresolved');
  expect(verdict({ lo: 0.5, hi: 2 })).toBe('unresolved');
});

test('a stated margin', () => {
  expect(verdict({ lo: 0.92, hi: 1.09 }, 0.1)).toBe('equal');
  expect(verdict({ lo: 0.9, hi: 1.09 }, 0)).toBe('unresolved');
  expect(() => verdict({ lo: 1, hi: 1 }, -1)).toThrow(/margin must be >= 0/);
});
