import { describe, expect, test } from 'vitest';
import { answerMatches, DeferredChecks, expectedValue, showAnswer } from './answers.ts';

test('built-in answers are numbers compared with ===', () => {
  expect(answerMatches(7, 7)).toBe(true);
  expect(answerMatches('7', 7)).toBe(false);
});

test('a module answer: structured equality with the main thread’s result', () => {
  const want = expectedValue({ rows: 3, tags: ['a', 'b'], at: new Map([[1, 2]]) }, true);
  expect(answerMatches({ rows: 3, tags: ['a', 'b'], at: new Map([[1, 2]]) }, want)).toBe(true);
  expect(answerMatches({ rows: 3, tags: ['a', 'c'], at: new Map([[1, 2]]) }, want)).toBe(false);
  expect(answerMatches({ rows: '3', tags: ['a', 'b'], at: new Map([[1, 2]]) }, want)).toBe(false);
});

test('or with its JSON round trip, which is what a process worker sends', () => {
  const want = expectedValue({ when: new Date(0), n: 1 }, true);
  expect(answerMatches({ when: '1970-01-01T00:00:00.000Z', n: 1 }, want)).toBe(true);
  expect(answerMatches({ when: '1970-01-01T00:00:00.001Z', n: 1 }, want)).toBe(false);
});

test('an unchecked module accepts any answer', () => {
  expect(answerMatches(Math.random(), expectedValue(undefined, false))).toBe(true);
});

test('answers in messages are short and show their type', () => {
  expect(showAnswer('x'.repeat(200))).toHaveLength(80);
  expect(showAnswer(expectedValue({ a: 1 }, true))).toBe('{"a":1}');
  expect(showAnswer(10n)).toBe('10');
});

describe('DeferredChecks: a module answer is compared after the timed phase, a number at once', () => {
  test('numbers: checked at once with ===', () => {
    const c = new DeferredChecks();
    expect(c.check(0, 5, 5)).toBe(true);
    expect(c.check(1, 6, 5)).toBe(false);
    expect(c.verify()).toBeUndefined();
  });
  test('module answers: pass for the moment, the first mismatch named by verify()', () => {
    const c = new DeferredChecks();
    const want = expectedValue({ a: [1, 2] }, true);
    expect(c.check(0, { a: [1, 2] }, want)).toBe(true);
    expect(c.check(1, { a: [1, 3] }, want)).toBe(true);
    expect(c.verify()).toMatch(/^task 1 answered .*expected/);
  });
});
