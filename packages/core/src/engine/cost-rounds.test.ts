import { expect, test } from 'vitest';
import { type CostProbe, costRounds } from './cost-rounds.ts';

/** A probe that notes when it ran and says it took `ticks` timer callbacks. */
function noting(name: string, order: string[], ticks: number): () => CostProbe {
  return () => ({
    start: () => order.push(name),
    stop: () => {},
    result: () => ({ samples: ticks }),
  });
}

test('each round runs the cell bare and with each probe in an order rotated by one, after one unmeasured run', async () => {
  const order: string[] = [];
  // 100 io tasks of 10 ms on 8 lanes of the main thread: about 130 ms a run, 10 runs.
  const cell = { name: 'io async/main x8', task: 'io', workers: 8, mode: 'async' } as const;
  const seen = [];
  for await (const x of costRounds([cell], [noting('a', order, 5), noting('b', order, 0)], 3, noting('warm', order, 0)))
    seen.push(x);
  // A bare run starts no probe: the rounds are [bare, a, b], [a, b, bare] and [b, bare, a].
  expect(order).toEqual(['warm', 'a', 'b', 'a', 'b', 'b', 'a']);
  expect(seen).toHaveLength(1);
  const [only] = seen;
  expect(only?.cell).toBe(cell);
  expect(only?.rounds).toHaveLength(3);
  for (const r of only?.rounds ?? []) {
    expect(r.bare.ticksPerS).toBe(0);
    expect(r.probed).toHaveLength(2);
    // 5 callbacks over a run of about 130 ms (at least 100 tasks x 10 ms / 8 lanes).
    expect(r.probed[0]?.ticksPerS).toBeCloseTo((5 / (r.probed[0]?.workMs as number)) * 1000);
    expect(r.probed[0]?.workMs).toBeGreaterThanOrEqual(120);
    expect(r.probed[1]?.ticksPerS).toBe(0);
  }
});
