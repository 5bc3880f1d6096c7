import type { ResultFile } from '@tvp/core';
import { median } from '@tvp/core/analysis';
import { makeResult } from './fixtures.ts';

/**
 * Node on one machine, oldest first: three runs with 2,000,000 cpu rounds, then three with the
 * default 6,000,000, so on cpu the old three did other work than the latest and start the
 * history's first segment; io did the same work throughout. A Bun run on another machine too.
 */
export function historyRuns(): ResultFile[] {
  const day = (d: number) => new Date(Date.UTC(2026, 9, 1 + d, 3)).toISOString();
  return [
    ...[0, 1, 2].map((d) =>
      makeResult({ runtime: 'node', id: `old-${d}`, seed: 10 + d, createdAt: day(d), cpuIters: 2_000_000 }),
    ),
    ...[3, 4, 5].map((d) => makeResult({ runtime: 'node', id: `new-${d}`, seed: 10 + d, createdAt: day(d) })),
    makeResult({ runtime: 'bun', id: 'elsewhere', label: 'other-box', createdAt: day(5) }),
  ];
}

/** The median total of one cell of a run, computed here from its samples. */
export function cellMedian(r: ResultFile, task: string, mode: string, workers: number): number {
  const c = r.cells.find((x) => x.task === task && x.mode === mode && x.workers === workers);
  if (!c) throw new Error(`${r.id} has no ${task} ${mode} x${workers}`);
  return median(c.samples.map((s) => s.totalMs));
}
