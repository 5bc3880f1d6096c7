import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { parseFailAbove } from './fail-above.ts';

describe('parseFailAbove', () => {
  test.each([
    ['5', 0.05],
    ['5%', 0.05],
    ['0', 0],
    ['0%', 0],
    ['12.5%', 0.125],
    ['.5', 0.005],
    ['200%', 2],
    ['1000', 10],
  ])('%s is %d', (raw, fraction) => {
    expect(parseFailAbove(raw)).toBeCloseTo(fraction, 12);
  });

  test('5 and 5% are the same threshold', () => {
    expect(parseFailAbove('5%')).toBe(parseFailAbove('5'));
  });

  test.each([
    ['5%%', "--fail-above: '5%%' has more than one % sign; give a percentage from 0 to 1000, as 5 or 5%"],
    ['-5', "--fail-above: '-5' is negative; give a percentage from 0 to 1000, as 5 or 5%"],
    ['-5%', "--fail-above: '-5%' is negative; give a percentage from 0 to 1000, as 5 or 5%"],
    ['abc', "--fail-above: 'abc' is not a percentage; give a percentage from 0 to 1000, as 5 or 5%"],
    ['%5', "--fail-above: '%5' is not a percentage; give a percentage from 0 to 1000, as 5 or 5%"],
    ['5 %', "--fail-above: '5 %' is not a percentage; give a percentage from 0 to 1000, as 5 or 5%"],
    ['', "--fail-above: '' is not a percentage; give a percentage from 0 to 1000, as 5 or 5%"],
    ['1001%', "--fail-above: '1001%' is above 1000%; give a percentage from 0 to 1000, as 5 or 5%"],
    ['1e3', "--fail-above: '1e3' is not a percentage; give a percentage from 0 to 1000, as 5 or 5%"],
  ])('%s is refused with a message that names it', (raw, message) => {
    expect(() => parseFailAbove(raw)).toThrow(UsageError);
    expect(() => parseFailAbove(raw)).toThrow(message);
  });
});
