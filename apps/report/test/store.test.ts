import { readdir, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeResult } from '@tvp/core';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { ResultStore } from '../src/store.ts';
import { makeResult, tempDir, writeResults } from './fixtures.ts';

const portable = new Packr({ useRecords: false });

describe('ResultStore', () => {
  it('reads every result file through core, newest first, with summaries', async () => {
    const dir = await tempDir();
    await writeResults(dir, [
      makeResult({ runtime: 'node', seed: 1, createdAt: '2026-11-20T10:00:00.000Z' }),
      makeResult({ runtime: 'bun', seed: 2, createdAt: '2026-11-21T10:00:00.000Z' }),
    ]);
    const store = new ResultStore(dir, () => undefined);
    const snap = await store.snapshot();
    expect(snap.runs.map((r) => r.meta.runtime)).toEqual(['bun', 'node']);
    const run = (await store.load(snap.runs[0]!.meta.file))!;
    expect(
      run.view.cells.find((c) => c.task === 'io' && c.mode === 'threads' && c.workers === 8)?.speedup,
    ).toBeGreaterThan(5);
    expect(snap.runs[0]!.meta.machine).toBe('ci-box');
    expect(snap.runs[0]!.meta.sweep).toBe('standard');
    expect(JSON.parse(run.json)).toEqual(JSON.parse(JSON.stringify(run.view)));
    expect(snap.skipped).toEqual([]);
  });

  it('puts a run with more than 8 workers on the extended sweep', async () => {
    const dir = await tempDir();
    await writeResults(dir, [makeResult({ runtime: 'node', workers: [1, 2, 4, 8, 16] })]);
    expect((await new ResultStore(dir, () => undefined).snapshot()).runs[0]!.meta.sweep).toBe('extended');
  });

  it.each([
    ['corrupt.msgpack', Buffer.from('this is not msgpack at all \xff\xfe'), /not a msgpack result file|expected a map/],
    [
      'truncated.msgpack',
      Buffer.from(encodeResult(makeResult({ runtime: 'node' }))).subarray(0, 300),
      /truncated.msgpack/,
    ],
    ['foreign.msgpack', Buffer.from(portable.pack({ hello: 'world', list: [1, 2, 3] })), /schemaVersion/],
    [
      'future.msgpack',
      Buffer.from(portable.pack({ ...makeResult({ runtime: 'node' }), schemaVersion: 2 })),
      /unsupported schema version 2/,
    ],
    ['notes.txt', Buffer.from('some notes a person left here'), /notes.txt/],
  ])('skips %s with a warning that names it, and keeps the good files', async (name, bytes, reason) => {
    const dir = await tempDir();
    await writeResults(dir, [makeResult({ runtime: 'node' })]);
    await writeFile(path.join(dir, name), bytes);
    const logged: string[] = [];
    const store = new ResultStore(dir, (l) => logged.push(l));
    const snap = await store.snapshot();
    expect(snap.runs).toHaveLength(1);
    expect(snap.skipped).toHaveLength(1);
    expect(snap.skipped[0]!.file).toBe(name);
    expect(snap.skipped[0]!.reason).toMatch(reason);
    expect(snap.skipped[0]!.reason).toContain(name);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(name);
    await store.snapshot();
    expect(logged).toHaveLength(1); // once per file version, not per request
  });

  it('picks up new, changed and removed files without a restart, decoding only what changed', async () => {
    const dir = await tempDir();
    const [first] = await writeResults(dir, [makeResult({ runtime: 'node', seed: 1 })]);
    const store = new ResultStore(dir, () => undefined, { freshMs: 0, watch: false });
    const before = await store.snapshot();
    expect(before.runs).toHaveLength(1);
    await writeResults(dir, [makeResult({ runtime: 'bun', seed: 2 })]);
    const after = await store.snapshot();
    expect(after.runs).toHaveLength(2);
    expect(after.runs.find((r) => r.meta.file === first)).toBe(before.runs[0]); // the same object: not decoded again
    const changed = makeResult({ runtime: 'node', seed: 1, label: 'renamed' });
    await writeFile(path.join(dir, first!), encodeResult(changed));
    await utimes(path.join(dir, first!), new Date(), new Date(Date.now() + 5000));
    expect((await store.snapshot()).runs.find((r) => r.meta.file === first)?.meta.machine).toBe('renamed');
    await rm(path.join(dir, first!));
    expect((await store.snapshot()).runs.map((r) => r.meta.runtime)).toEqual(['bun']);
  });

  it('shows one file per run id and names the duplicate', async () => {
    const dir = await tempDir();
    const r = makeResult({ runtime: 'node' });
    await writeResults(dir, [r]);
    await writeFile(path.join(dir, 'copy.msgpack'), encodeResult(r));
    const snap = await new ResultStore(dir, () => undefined).snapshot();
    expect(snap.runs).toHaveLength(1);
    expect(snap.skipped[0]!.reason).toMatch(/same run id/);
  });

  it('ignores dot files (writes in progress) and a missing folder', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, '.x.msgpack.1234.tmp'), 'partial');
    expect((await new ResultStore(dir, () => undefined).snapshot()).skipped).toEqual([]);
    expect((await new ResultStore(path.join(dir, 'nope'), () => undefined).snapshot()).runs).toEqual([]);
  });

  it('stores an upload once per run id, even when the same id arrives twice at once', async () => {
    const dir = await tempDir();
    const store = new ResultStore(dir, () => undefined);
    // core's reader refuses '/' and a leading dot in an id, but '..' inside one is legal.
    const r = makeResult({ runtime: 'bun', id: 'a..b..escape' });
    const bytes = encodeResult(r);
    const [a, b] = await Promise.all([store.add(r, bytes), store.add(r, bytes)]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    const files = (await readdir(dir)).filter((f) => !f.startsWith('.'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[A-Za-z0-9_.-]+\.msgpack$/);
    expect(files[0]).not.toContain('..');
  });
});
