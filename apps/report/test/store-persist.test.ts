import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeResult } from '@tvp/core';
import { describe, expect, it, vi } from 'vitest';
import { INDEX_FILE } from '../src/store/persist.ts';
import { ResultStore } from '../src/store.ts';
import { makeResult, tempDir, writeResults } from './fixtures.ts';

const runs = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    makeResult({
      runtime: 'node',
      id: `p-${i}`,
      seed: i + 1,
      createdAt: new Date(Date.UTC(2026, 2, 1, i)).toISOString(),
    }),
  );

/** A store that has read `dir` and saved its index. */
async function saved(dir: string): Promise<ResultStore> {
  const store = new ResultStore(dir, () => undefined);
  await store.snapshot();
  await vi.waitFor(() => stat(path.join(dir, INDEX_FILE)), { timeout: 5000 });
  store.close();
  return store;
}

describe('the saved index', () => {
  it('a restart starts from it: the same runs and medians, without reading the files', async () => {
    const dir = await tempDir();
    const [file] = await writeResults(dir, runs(3));
    const first = await saved(dir);
    const before = await first.snapshot();
    // Same size and mtime, unreadable content: only a store that trusts the saved index lists it.
    const full = path.join(dir, file!);
    const { size, mtime } = await stat(full);
    await writeFile(full, Buffer.alloc(size, 0xc1));
    await utimes(full, mtime, mtime);
    const again = new ResultStore(dir, () => undefined);
    try {
      const after = await again.snapshot();
      expect(after.skipped).toEqual([]);
      expect(after.runs.map((r) => r.meta)).toEqual(before.runs.map((r) => r.meta));
      expect(after.runs.map((r) => Array.from(r.medians))).toEqual(before.runs.map((r) => Array.from(r.medians)));
      expect(after.runs[0]!.shell.config).toEqual(before.runs[0]!.shell.config);
    } finally {
      again.close();
    }
  });

  it('payload cells of one transport are keyed by way and size, apart, in the index and through a restart', async () => {
    const dir = await tempDir();
    const r = makeResult({ runtime: 'node', id: 'payload-keys', seed: 5 });
    r.config.tasks = [...r.config.tasks, 'payload'];
    r.config.payloadBytes = [1024, 65536];
    r.config.ways = ['json', 'transfer'];
    // Four cells of one transport and worker count that differ only by way and size.
    const base = r.cells.find((c) => c.mode === 'threads' && c.workers === 1)!;
    const shapes = [
      ['json', 1024],
      ['json', 65536],
      ['transfer', 1024],
      ['transfer', 65536],
    ] as const;
    const payload = shapes.map(([way, payloadBytes], k) => ({
      ...base,
      task: 'payload' as const,
      way,
      payloadBytes,
      samples: base.samples.map((x) => ({ ...x, totalMs: x.totalMs * (k + 2), workMs: x.workMs * (k + 2) })),
    }));
    r.cells = [...r.cells, ...payload];
    await writeResults(dir, [r]);
    const read = (store: ResultStore, summary: Awaited<ReturnType<ResultStore['snapshot']>>['runs'][number]) =>
      Array.from(summary.keys, (k, i) => ({ cell: store.keys.cell(k), median: summary.medians[i] })).filter(
        (x) => x.cell.task === 'payload',
      );
    const want = payload.map((c) => ({
      cell: {
        task: 'payload',
        mode: c.mode,
        impl: c.impl,
        workers: c.workers,
        way: c.way,
        payloadBytes: c.payloadBytes,
      },
      median: [...c.samples.map((x) => x.totalMs)].sort((a, b) => a - b)[2],
    }));
    const first = await saved(dir);
    const [one] = (await first.snapshot()).runs;
    expect(new Set(Array.from(one!.keys)).size).toBe(one!.keys.length);
    expect(read(first, one!)).toEqual(want);
    // A restart reads the saved index, keys and all, not the file.
    const again = new ResultStore(dir, () => undefined);
    try {
      const [two] = (await again.snapshot()).runs;
      expect(again.counts.decoded).toBe(0);
      expect(read(again, two!)).toEqual(want);
    } finally {
      again.close();
    }
  });

  it('files added, changed or removed while the server was down are found: at once, or by the check after the start', async () => {
    const dir = await tempDir();
    const [a, b] = await writeResults(dir, runs(3));
    await saved(dir);
    await writeResults(dir, [makeResult({ runtime: 'bun', id: 'while-down', seed: 40 })]);
    await writeFile(path.join(dir, a!), encodeResult(makeResult({ runtime: 'node', id: 'p-0', label: 'changed' })));
    await utimes(path.join(dir, a!), new Date(), new Date(Date.now() + 5000));
    await writeFile(path.join(dir, b!), 'no longer a result');
    const logged: string[] = [];
    const store = new ResultStore(dir, (l) => logged.push(l), { freshMs: 0 });
    try {
      const first = await store.snapshot();
      expect(first.byId.has('while-down')).toBe(true);
      await vi.waitFor(
        async () => {
          const snap = await store.snapshot();
          expect(snap.byId.get('p-0')?.meta.machine).toBe('changed');
          expect(snap.skipped.map((s) => s.file)).toEqual([b]);
        },
        { timeout: 5000 },
      );
      expect(logged.join('\n')).toContain(b!);
    } finally {
      store.close();
    }
  });

  it('a saved index of another version or that does not parse is ignored, and the folder read afresh', async () => {
    for (const text of ['{"version":99,"cells":[],"rows":[]}', '{not json']) {
      const dir = await tempDir();
      await writeResults(dir, runs(2));
      await writeFile(path.join(dir, INDEX_FILE), text);
      const store = new ResultStore(dir, () => undefined, { persist: true });
      try {
        expect((await store.snapshot()).runs.map((r) => r.meta.id)).toEqual(['p-1', 'p-0']);
      } finally {
        store.close();
      }
    }
  });

  it('is a dot file: never listed as a result or a skipped file', async () => {
    const dir = await tempDir();
    await writeResults(dir, runs(1));
    await saved(dir);
    expect(JSON.parse(await readFile(path.join(dir, INDEX_FILE), 'utf8')).rows).toHaveLength(1);
    const store = new ResultStore(dir, () => undefined, { persist: false, watch: false });
    expect((await store.snapshot()).skipped).toEqual([]);
  });
});
