import { describe, expect, it } from 'vitest';
import { batchMates, initialSelection, shownRunIds } from '../src/client/state.ts';
import type { IndexPayload } from '../src/payload.ts';
import { toMeta } from '../src/view.ts';
import { makeResult } from './fixtures.ts';

const batched = (runtime: 'node' | 'bun', round: number, id = 'bench-7') =>
  makeResult({
    runtime,
    seed: round,
    id: `${runtime}-${id}-${round}`,
    createdAt: `2026-11-2${round}T10:00:00.000Z`,
    batch: { id, round, rounds: 3 },
  });

describe('a bench of several rounds, on the page', () => {
  it("the index carries a run's batch, and only when it has one", () => {
    expect(toMeta('f.msgpack', batched('node', 2)).batch).toEqual({ id: 'bench-7', round: 2, rounds: 3 });
    expect('batch' in toMeta('f.msgpack', makeResult({ runtime: 'node' }))).toBe(false);
  });

  it('the runs to load are the picked ones and their batch mates, not other batches', () => {
    const runs = [
      ...[3, 2, 1].flatMap((k) => [batched('node', k), batched('bun', k)]),
      makeResult({ runtime: 'node', id: 'node-alone', createdAt: '2026-11-01T10:00:00.000Z' }),
      batched('node', 1, 'bench-other'),
    ];
    const p: IndexPayload = {
      generatedAt: '',
      runs: runs.map((r) => toMeta(`${r.id}.msgpack`, r)).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      skipped: [],
    };
    const latestNode = p.runs.find((r) => r.id === 'node-bench-7-3')!;
    expect(batchMates(p, latestNode).map((r) => r.id)).toEqual(['node-bench-7-2', 'node-bench-7-1']);
    expect(new Set(shownRunIds(p, initialSelection(p)))).toEqual(
      new Set([
        'node-bench-7-3',
        'node-bench-7-2',
        'node-bench-7-1',
        'bun-bench-7-3',
        'bun-bench-7-2',
        'bun-bench-7-1',
      ]),
    );
  });
});
