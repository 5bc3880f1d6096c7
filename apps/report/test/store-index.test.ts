import { rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeResult } from '@tvp/core';
import { describe, expect, it, vi } from 'vitest';
import { LruCache } from '../src/store/run-cache.ts';
import { ResultStore } from '../src/store.ts';
import { makeResult, tempDir, writeResults } from './fixtures.ts';

const many = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    makeResult({
      runtime: 'node',
      id: `r-${i}`,
      seed: i + 1,
      createdAt: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
    }),
  );

describe('the store index', () => {
  it('keeps per cell the median total and n, without a decoded run in memory', async () => {
    const dir = await tempDir();
    const [r] = many(1);
    await writeResults(dir, [r!]);
    const store = new ResultStore(dir, () => undefined);
    const [summary] = (await store.snapshot()).runs;
    expect(store.cachedRuns).toBe(0);
    const i = Array.from(summary!.keys).findIndex((k) => {
      const c = store.keys.cell(k);
      return c.task === 'io' && c.mode === 'threads' && c.workers === 4;
    });
    const totals = r!.cells
      .find((c) => c.task === 'io' && c.mode === 'threads' && c.workers === 4)!
      .samples.map((s) => s.totalMs);
    expect(summary!.medians[i]).toBe([...totals].sort((a, b) => a - b)[2]);
    expect(summary!.ns[i]).toBe(5);
    expect(summary!.shell.cells).toEqual([]);
    expect(summary!.shell.config.cpuIters).toBe(r!.config.cpuIters);
  });

  it('an upload joins the index at once, even within a fresh listing', async () => {
    const dir = await tempDir();
    await writeResults(dir, many(1));
    const store = new ResultStore(dir, () => undefined, { freshMs: 60_000, watch: false });
    expect((await store.snapshot()).runs).toHaveLength(1);
    const up = makeResult({ runtime: 'bun', id: 'uploaded', createdAt: '2027-01-01T00:00:00.000Z' });
    expect((await store.add(up, encodeResult(up))).duplicate).toBe(false);
    const snap = await store.snapshot();
    expect(snap.runs.map((r) => r.meta.id)).toEqual(['uploaded', 'r-0']);
    expect((await store.find('uploaded'))?.result.env.runtime).toBe('bun');
  });

  it('watching the folder: a file added, replaced and removed shows without a restart, within a long-lived listing', async () => {
    const dir = await tempDir();
    const [first] = await writeResults(dir, many(1));
    const store = new ResultStore(dir, () => undefined, { freshMs: 60_000 });
    try {
      expect((await store.snapshot()).runs).toHaveLength(1);
      await writeResults(dir, [makeResult({ runtime: 'bun', id: 'added', seed: 9 })]);
      await vi.waitFor(async () => expect((await store.snapshot()).runs).toHaveLength(2), { timeout: 5000 });
      // Replaced the way runners write: a temporary file renamed over the old name.
      const tmp = path.join(dir, '.replace.tmp');
      await writeFile(tmp, encodeResult(makeResult({ runtime: 'node', id: 'r-0', label: 'renamed' })));
      await rename(tmp, path.join(dir, first!));
      await vi.waitFor(async () => expect((await store.snapshot()).byId.get('r-0')?.meta.machine).toBe('renamed'), {
        timeout: 5000,
      });
      await rm(path.join(dir, first!));
      await vi.waitFor(async () => expect((await store.snapshot()).runs.map((r) => r.meta.id)).toEqual(['added']), {
        timeout: 5000,
      });
    } finally {
      store.close();
    }
  });

  it('a cached run whose file changed is read again, and its summary follows', async () => {
    const dir = await tempDir();
    const [file] = await writeResults(dir, many(1));
    const store = new ResultStore(dir, () => undefined, { watch: false });
    expect((await store.find('r-0'))?.meta.machine).toBe('ci-box');
    await writeFile(path.join(dir, file!), encodeResult(makeResult({ runtime: 'node', id: 'r-0', label: 'moved' })));
    await utimes(path.join(dir, file!), new Date(), new Date(Date.now() + 5000));
    expect((await store.load(file!))?.meta.machine).toBe('moved');
  });
});

describe('the run cache', () => {
  it('loading more runs than its bound keeps the bound, the least recently used dropped', async () => {
    const dir = await tempDir();
    await writeResults(dir, many(10));
    const store = new ResultStore(dir, () => undefined, { cachedRuns: 3 });
    const ids = (await store.snapshot()).runs.map((r) => r.meta.id);
    const first = await store.find(ids[0]!);
    for (const id of ids.slice(1)) {
      expect((await store.find(id))?.meta.id).toBe(id);
      expect(store.cachedRuns).toBeLessThanOrEqual(3);
      await store.find(ids[0]!); // kept in use: never the least recently used
    }
    expect(store.cachedRuns).toBe(3);
    expect(await store.find(ids[0]!)).toBe(first); // still the cached object, never read again
  });

  it('a scan through every run (keep: false) leaves the cache as it was', async () => {
    const dir = await tempDir();
    await writeResults(dir, many(5));
    const store = new ResultStore(dir, () => undefined, { cachedRuns: 2 });
    const snap = await store.snapshot();
    for (const r of snap.runs) expect((await store.load(r.meta.file, false))?.meta.id).toBe(r.meta.id);
    expect(store.cachedRuns).toBe(0);
  });

  it('LruCache refuses a bound that is not a positive whole number', () => {
    expect(() => new LruCache(0)).toThrow(/cache limit must be a positive integer, got 0/);
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    c.get('a');
    c.set('c', 3);
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([1, undefined, 3]);
  });
});
