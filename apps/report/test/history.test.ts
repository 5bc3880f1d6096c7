import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { defaultCells } from '../src/history.ts';
import type { HistoryPayload } from '../src/payload.ts';
import { tempDir, writeResults } from './fixtures.ts';
import { cellMedian, historyRuns } from './history-fixtures.ts';

async function app() {
  const dir = await tempDir();
  await writeResults(dir, historyRuns());
  return createApp({ resultsDir: dir, log: () => undefined }).app;
}

const get = async (a: Awaited<ReturnType<typeof app>>, query: string) => {
  const res = await a.request(`/api/history?${query}`);
  return { status: res.status, body: (await res.json()) as HistoryPayload & { error?: string } };
};

describe('GET /api/history', () => {
  it('cpu: a new segment where the work changed, the runs of other work than the latest marked with why', async () => {
    const { body } = await get(await app(), 'machine=ci-box&runtime=node&task=cpu');
    expect(body.runs.map((r) => r.id)).toEqual(['old-0', 'old-1', 'old-2', 'new-3', 'new-4', 'new-5']);
    expect(body.runs.map((r) => r.segment)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(body.runs.map((r) => r.comparable)).toEqual([false, false, false, true, true, true]);
    expect(body.runs[0]!.reasons).toEqual(['cpuIters 2,000,000 vs 6,000,000']);
    expect(body.runs[5]!.reasons).toEqual([]);
  });

  it('io did the same work throughout: one segment, all comparable', async () => {
    const { body } = await get(await app(), 'machine=ci-box&runtime=node&task=io');
    expect(new Set(body.runs.map((r) => r.segment))).toEqual(new Set([0]));
    expect(body.runs.every((r) => r.comparable)).toBe(true);
  });

  it('by default, per mode the 8-worker cell; its points are the medians of the stored runs', async () => {
    const { body } = await get(await app(), 'machine=ci-box&runtime=node&task=io');
    expect(body.series.map((s) => `${s.mode} x${s.workers}`).sort()).toEqual(
      ['async x8', 'processes x8', 'sequential x1', 'threads x8'].sort(),
    );
    const runs = historyRuns().slice(0, 6);
    const threads = body.series.find((s) => s.mode === 'threads')!;
    expect(threads.medians).toEqual(runs.map((r) => cellMedian(r, 'io', 'threads', 8)));
    expect(threads.ns).toEqual(runs.map(() => 5));
    expect(body.cells.length).toBe(1 + 3 * 8);
  });

  it('one chosen cell, and only that machine and runtime', async () => {
    const { body } = await get(
      await app(),
      'machine=ci-box&runtime=node&task=cpu&mode=threads&impl=worker_threads&workers=2',
    );
    expect(body.series).toHaveLength(1);
    expect(body.series[0]!.medians).toEqual(
      historyRuns()
        .slice(0, 6)
        .map((r) => cellMedian(r, 'cpu', 'threads', 2)),
    );
    const other = await get(await app(), 'machine=other-box&runtime=bun&task=cpu');
    expect(other.body.runs.map((r) => r.id)).toEqual(['elsewhere']);
    expect((await get(await app(), 'machine=nowhere&runtime=node&task=io')).body.runs).toEqual([]);
  });

  it.each([
    ['runtime=node&task=io', /machine is required/],
    ['machine=m&task=io', /runtime is required/],
    ['machine=m&runtime=node&task=gpu', /task must be one of io, cpu, noop, got 'gpu'/],
    ['machine=m&runtime=node&task=io&mode=threads', /together/],
    ['machine=m&runtime=node&task=io&mode=threads&impl=x&workers=0', /workers must be a whole number/],
  ])('400 for %s, saying what is wrong', async (query, error) => {
    const { status, body } = await get(await app(), query);
    expect(status).toBe(400);
    expect(body.error).toMatch(error);
  });
});

describe('defaultCells', () => {
  it('takes 8 workers when there, else the most', () => {
    const cells = [1, 2, 8, 16].map((workers) => ({ mode: 'threads', impl: 't', workers }));
    expect(defaultCells(cells)).toEqual([{ mode: 'threads', impl: 't', workers: 8 }]);
    expect(defaultCells(cells.filter((c) => c.workers !== 8))).toEqual([{ mode: 'threads', impl: 't', workers: 16 }]);
  });
});
