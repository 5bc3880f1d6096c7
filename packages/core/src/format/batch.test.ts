import { describe, expect, test } from 'vitest';
import { batchFromEnv } from './batch.ts';

const env = (id?: string, round?: string, rounds?: string) => ({
  TVP_BATCH_ID: id,
  TVP_ROUND: round,
  TVP_ROUNDS: rounds,
});

describe('batchFromEnv', () => {
  test('none of the variables set: no batch and no warning', () => {
    expect(batchFromEnv({})).toEqual({});
    expect(batchFromEnv(env())).toEqual({});
  });

  test('all three well formed: the batch', () => {
    expect(batchFromEnv(env('7c9e6679-7425-40de-944b-e07fc1f90ae7', '2', '3'))).toEqual({
      batch: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', round: 2, rounds: 3 },
    });
    expect(batchFromEnv(env('b', '100', '100')).batch).toEqual({ id: 'b', round: 100, rounds: 100 });
  });

  test.each([
    [env('b', '1'), /ignoring TVP_ROUNDS \(not set, while the other batch variables are\)/],
    [env(undefined, '1', '1'), /ignoring TVP_BATCH_ID \(not set/],
    [env('', '1', '1'), /ignoring TVP_BATCH_ID="" \(expected 1 to 64/],
    [env('a;rm -rf', '1', '1'), /ignoring TVP_BATCH_ID="a;rm -rf"/],
    [env('b', '0', '2'), /ignoring TVP_ROUND="0" \(expected a whole number from 1 to rounds \(2\)\)/],
    [env('b', '3', '2'), /ignoring TVP_ROUND="3"/],
    [env('b', ' 1', '2'), /ignoring TVP_ROUND=" 1"/],
    [env('b', '1e0', '2'), /ignoring TVP_ROUND="1e0"/],
    [env('b', '1', '101'), /ignoring TVP_ROUNDS="101" \(expected a whole number from 1 to 100\)/],
    [env('b', '1', 'two'), /ignoring TVP_ROUNDS="two"/],
  ])('malformed or partial %j: no batch, a warning naming the variable', (vars, message) => {
    const r = batchFromEnv(vars);
    expect(r.batch).toBeUndefined();
    expect(r.warning).toMatch(/^warning: /);
    expect(r.warning).toMatch(message);
    expect(r.warning).toMatch(/recorded without a batch$/);
  });
});
