import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { PAGE_LIMIT } from '../src/paging.ts';
import type { ResultsPayload } from '../src/payload.ts';
import { makeResult, tempDir, writeResults } from './fixtures.ts';

const runs = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) =>
    makeResult({
      runtime: 'node',
      id: `run-${from + i}`,
      seed: from + i + 1,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, from + i)).toISOString(),
    }),
  );

async function setup(n: number) {
  const dir = await tempDir();
  await writeResults(dir, runs(n));
  return { dir, app: createApp({ resultsDir: dir, log: () => undefined, store: { freshMs: 0, watch: false } }).app };
}

const page = async (app: Awaited<ReturnType<typeof setup>>['app'], query: string) => {
  const res = await app.request(`/api/results${query}`);
  return { status: res.status, body: (await res.json()) as ResultsPayload & { error?: string } };
};

describe('GET /api/results pages', () => {
  it('following next from page to page gives every run once, newest first, in the shape of DESIGN.md', async () => {
    const { app } = await setup(7);
    const seen: string[] = [];
    let query = '?limit=3';
    for (let pages = 0; pages < 10; pages++) {
      const { body } = await page(app, query);
      expect(body.total).toBe(7);
      expect(body.runs.length).toBeLessThanOrEqual(3);
      for (const r of body.runs) {
        expect(r.meta.id).toBe(r.result.id);
        expect(r.result.cells.length).toBeGreaterThan(0);
        seen.push(r.meta.id);
      }
      if (body.next === null) break;
      query = `?limit=3&cursor=${encodeURIComponent(body.next)}`;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `run-${i}`));
  });

  it('a run added between pages does not shift the next page (the cursor is a position in time)', async () => {
    const { app, dir } = await setup(4);
    const first = await page(app, '?limit=2');
    await writeResults(dir, runs(1, 10)); // newer than all
    const second = await page(app, `?limit=2&cursor=${encodeURIComponent(first.body.next!)}`);
    expect(second.body.runs.map((r) => r.meta.id)).toEqual(['run-1', 'run-0']);
    expect(second.body.next).toBeNull();
    expect(second.body.total).toBe(5);
  });

  it('offset pages, and no query is the first page of PAGE_LIMIT', async () => {
    const { app } = await setup(5);
    expect((await page(app, '?offset=3&limit=10')).body.runs.map((r) => r.meta.id)).toEqual(['run-1', 'run-0']);
    const all = await page(app, '');
    expect(all.body.runs).toHaveLength(5);
    expect(all.body.next).toBeNull();
    expect(PAGE_LIMIT).toBe(100);
  });

  it.each([
    ['?limit=0', /limit must be a whole number from 1 to 100, got '0'/],
    ['?limit=101', /limit must be/],
    ['?limit=abc', /limit must be/],
    ['?offset=-1', /offset must be a whole number/],
    ['?cursor=bm9wZQ', /cursor 'bm9wZQ' is not one this server gave/],
    ['?cursor=x&offset=1', /not both/],
  ])('400 for %s, saying what is wrong', async (query, error) => {
    const { app } = await setup(1);
    const { status, body } = await page(app, query);
    expect(status).toBe(400);
    expect(body.error).toMatch(error);
  });
});
