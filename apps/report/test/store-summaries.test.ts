import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  encodeResult,
  encodeSummary,
  MAX_SUMMARY_BYTES,
  type ResultFile,
  readSummary,
  SUMMARY_DIR,
  type SummaryFile,
  summarizeResult,
  summaryPath,
  writeResult,
} from '@tvp/core';
import { median } from '@tvp/core/analysis';
import { describe, expect, it, vi } from 'vitest';
import { ResultStore, type Snapshot } from '../src/store.ts';
import { makeResult, tempDir, writeResults } from './fixtures.ts';

const runs = (n: number, label = 'box') =>
  Array.from({ length: n }, (_, i) =>
    makeResult({
      runtime: i % 2 ? 'bun' : 'node',
      label,
      id: `s-${i}`,
      seed: i + 1,
      createdAt: new Date(Date.UTC(2026, 3, 1, i)).toISOString(),
      ...(i === 0 ? { workers: [1, 2, 4, 8, 16], repeat: 3 } : {}),
    }),
  );

/** Written as runners write them: each with its summary. */
async function written(dir: string, results: ResultFile[]): Promise<string[]> {
  return Promise.all(results.map(async (r) => path.basename((await writeResult(dir, r)).file)));
}

/** A store that neither saves an index nor reuses a listing: each snapshot is a fresh look. */
const fresh = (dir: string, log: (l: string) => void = () => undefined) =>
  new ResultStore(dir, log, { persist: false, freshMs: 0 });

/** What the index says of every run, comparable across stores (cell keys as text). */
function said(snap: Snapshot, store: ResultStore) {
  return snap.runs.map((r) => ({
    meta: r.meta,
    shell: r.shell,
    cells: Array.from(r.keys, (k, i) => [store.keys.cell(k), r.medians[i], r.ns[i]]),
  }));
}

/** Per run id, its ok cells' median totals and counts, computed here from the runs themselves. */
const cellsOf = (results: ResultFile[]) =>
  Object.fromEntries(
    results.map((r) => [
      r.id,
      r.cells.map((c) => [
        {
          task: c.task,
          mode: c.mode,
          impl: c.impl,
          workers: c.workers,
          // A payload cell's way and size are part of its key.
          ...(c.way ? { way: c.way } : {}),
          ...(c.payloadBytes !== undefined ? { payloadBytes: c.payloadBytes } : {}),
        },
        median(c.samples.map((x) => x.totalMs)),
        c.samples.length,
      ]),
    ]),
  );

/** The index of `dir` as decoding every file gives it: the reference every test holds a store to. */
async function decodedIndex(dir: string) {
  const copy = await tempDir();
  for (const name of await readdir(dir)) {
    if (!name.startsWith('.')) await writeFile(path.join(copy, name), await readFile(path.join(dir, name)));
  }
  const store = fresh(copy);
  try {
    const snap = await store.snapshot();
    expect(store.counts.summaries).toBe(0);
    return said(snap, store);
  } finally {
    store.close();
  }
}

/** Replace a file's summary with `bytes`, keeping the file's size and mtime. */
async function plant(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  await writeFile(summaryPath(path.join(dir, name)), bytes);
}

/** A summary that matches the file's size and mtime but says what the file does not. */
async function lie(dir: string, name: string, change: (s: SummaryFile) => SummaryFile): Promise<void> {
  const file = path.join(dir, name);
  const { size, mtimeMs } = await stat(file);
  const read = readSummary(file, { size, mtimeMs });
  if (!read.ok) throw new Error(`no summary to lie with: ${JSON.stringify(read.miss)}`);
  await plant(dir, name, encodeSummary(change(read.summary)));
}

describe('summaries beside result files', () => {
  it('a first start reads the summaries, not the files, and indexes what decoding them would', async () => {
    const dir = await tempDir();
    const results = runs(6);
    await written(dir, results);
    const store = fresh(dir);
    try {
      const snap = await store.snapshot();
      expect(store.counts).toEqual({ summaries: 6, decoded: 0, summariesWritten: 0 });
      expect(snap.skipped).toEqual([]);
      expect(said(snap, store)).toEqual(await decodedIndex(dir));
      expect(Object.fromEntries(said(snap, store).map((r) => [r.meta.id, r.cells]))).toEqual(cellsOf(results));
      expect(snap.runs.map((r) => r.meta.machine)).toEqual(results.map(() => 'box'));
      // The extended sweep is known from the summary's cells alone.
      expect(snap.byId.get('s-0')!.meta.sweep).toBe('extended');
    } finally {
      store.close();
    }
  });

  it('a first start of many files (the summaries folder listed once) mixes summaries and decodes', async () => {
    const dir = await tempDir();
    const all = runs(100);
    await written(dir, all.slice(0, 60));
    await writeResults(dir, all.slice(60));
    const store = fresh(dir);
    try {
      const snap = await store.snapshot();
      expect(store.counts).toMatchObject({ summaries: 60, decoded: 40 });
      expect(Object.fromEntries(said(snap, store).map((r) => [r.meta.id, r.cells]))).toEqual(cellsOf(all));
    } finally {
      store.close();
    }
  });

  it('an old folder without summaries loads (every file decoded once) and gets them for the next start', async () => {
    const dir = await tempDir();
    await writeResults(dir, runs(5));
    const first = fresh(dir);
    const before = said(await first.snapshot(), first);
    expect(first.counts.decoded).toBe(5);
    await vi.waitFor(() => expect(first.counts.summariesWritten).toBe(5), { timeout: 5000 });
    first.close();
    const again = fresh(dir);
    try {
      expect(said(await again.snapshot(), again)).toEqual(before);
      expect(again.counts).toMatchObject({ summaries: 5, decoded: 0 });
    } finally {
      again.close();
    }
  });

  it('a stale summary (of an earlier version of the file) is ignored: the file decodes and its summary is replaced', async () => {
    const dir = await tempDir();
    const [name] = await written(dir, runs(1));
    const old = await readFile(summaryPath(path.join(dir, name!)));
    // The same name rewritten by a writer that leaves the summary alone (a copy from elsewhere).
    await writeFile(
      path.join(dir, name!),
      encodeResult(makeResult({ runtime: 'node', id: 's-0', label: 'relabelled' })),
    );
    await plant(dir, name!, old);
    const store = fresh(dir);
    try {
      const snap = await store.snapshot();
      expect(store.counts).toMatchObject({ summaries: 0, decoded: 1 });
      expect(snap.byId.get('s-0')!.meta.machine).toBe('relabelled');
      expect(said(snap, store)).toEqual(await decodedIndex(dir));
      await vi.waitFor(() => expect(store.counts.summariesWritten).toBe(1), { timeout: 5000 });
      const { size, mtimeMs } = await stat(path.join(dir, name!));
      expect(readSummary(path.join(dir, name!), { size, mtimeMs })).toMatchObject({
        ok: true,
        summary: { run: { env: { label: 'relabelled' } } },
      });
    } finally {
      store.close();
    }
  });

  it('truncated, huge, foreign or self-contradicting summaries are ignored: the files decode, the index is right, one line says so', async () => {
    const dir = await tempDir();
    const names = await written(dir, runs(5));
    const whole = await readFile(summaryPath(path.join(dir, names[0]!)));
    await plant(dir, names[0]!, whole.subarray(0, whole.length >> 1));
    await plant(dir, names[1]!, new Uint8Array(MAX_SUMMARY_BYTES + 1).fill(0x91));
    await plant(dir, names[2]!, new TextEncoder().encode('{"summaryVersion":1}'));
    // An ok cell with no samples: a summary no writer makes.
    await lie(dir, names[3]!, (s) => ({
      ...s,
      cells: { ...s.cells, n: s.cells.n.map(() => 0), medianMs: s.cells.n.map(() => null) },
    }));
    const logged: string[] = [];
    const store = fresh(dir, (l) => logged.push(l));
    try {
      const snap = await store.snapshot();
      expect(store.counts).toMatchObject({ summaries: 1, decoded: 4 });
      expect(snap.skipped).toEqual([]);
      expect(said(snap, store)).toEqual(await decodedIndex(dir));
      expect(logged.filter((l) => /summaries were unreadable/.test(l))).toHaveLength(1);
      expect(logged.join('\n')).toMatch(/4 summaries were unreadable \(.*\.summary: /);
      // Replaced by good ones: the next start reads them all.
      await vi.waitFor(() => expect(store.counts.summariesWritten).toBe(4), { timeout: 5000 });
      const again = fresh(dir);
      await again.snapshot();
      expect(again.counts).toMatchObject({ summaries: 5, decoded: 0 });
      again.close();
    } finally {
      store.close();
    }
  });

  it('a summary that lies in a well-formed way is corrected when its run is decoded: the index, the summary, and a lookup by the false id', async () => {
    const dir = await tempDir();
    const [name, other] = await written(dir, runs(2));
    const truth = await decodedIndex(dir);
    await lie(dir, name!, (s) => ({
      ...s,
      run: { ...s.run, id: 'made-up', env: { ...s.run.env, label: 'elsewhere' } },
      cells: { ...s.cells, medianMs: s.cells.medianMs.map((m) => (m === null ? m : m / 10)) },
    }));
    const logged: string[] = [];
    const store = fresh(dir, (l) => logged.push(l));
    try {
      // The listing cannot know without decoding the file: it shows what the summary says...
      const listed = await store.snapshot();
      expect(listed.byId.get('made-up')?.meta.machine).toBe('elsewhere');
      // ...until the run is asked for: the file is decoded, and what it says wins.
      expect(await store.find('made-up')).toBeUndefined();
      expect(logged.join('\n')).toMatch(new RegExp(`summary of ${name} did not match the file; corrected`));
      const snap = await store.snapshot();
      expect(snap.byId.has('made-up')).toBe(false);
      expect(said(snap, store)).toEqual(truth);
      expect((await store.find('s-0'))?.meta.file).toBe(name);
      await vi.waitFor(() => expect(store.counts.summariesWritten).toBe(1), { timeout: 5000 });
      const again = fresh(dir);
      expect(said(await again.snapshot(), again)).toEqual(truth);
      expect(again.counts).toMatchObject({ summaries: 2, decoded: 0 });
      again.close();
      // A run whose summary told the truth is not rewritten when it is decoded.
      await store.load(other!);
      expect(logged.filter((l) => /did not match/.test(l))).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('deleting a result file removes its summary: seen by a running store, or at the next start', async () => {
    const dir = await tempDir();
    const [a, b, c] = await written(dir, runs(3));
    const store = fresh(dir);
    try {
      await store.snapshot();
      await rm(path.join(dir, a!));
      expect((await store.snapshot()).runs).toHaveLength(2);
      await vi.waitFor(async () => expect(await readdir(path.join(dir, SUMMARY_DIR))).not.toContain(`${a}.summary`), {
        timeout: 5000,
      });
    } finally {
      store.close();
    }
    await rm(path.join(dir, b!));
    // Made before the listing: an orphan. (One written after it may be a runner's, just ahead of its file.)
    const past = new Date(Date.now() - 60_000);
    await utimes(summaryPath(path.join(dir, b!)), past, past);
    const next = fresh(dir);
    try {
      expect((await next.snapshot()).runs.map((r) => r.meta.file)).toEqual([c]);
      await vi.waitFor(async () => expect(await readdir(path.join(dir, SUMMARY_DIR))).toEqual([`${c}.summary`]), {
        timeout: 5000,
      });
    } finally {
      next.close();
    }
  });

  it('a summary of a file that is not there is never read as a run, nor is the summaries folder', async () => {
    const dir = await tempDir();
    const [name] = await written(dir, runs(1));
    // A summary planted for a name with no file: nothing lists it.
    const s = summarizeResult(makeResult({ runtime: 'deno', id: 'ghost' }));
    await writeFile(
      path.join(dir, SUMMARY_DIR, 'ghost.msgpack.summary'),
      encodeSummary({ summaryVersion: 1, of: { size: 1, mtimeMs: 1 }, ...s }),
    );
    const store = fresh(dir);
    try {
      const snap = await store.snapshot();
      expect(snap.runs.map((r) => r.meta.file)).toEqual([name]);
      expect(snap.skipped).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('where summaries cannot be written the folder still loads, decoding its files each time', async () => {
    const dir = await tempDir();
    await writeResults(dir, runs(2));
    await writeFile(path.join(dir, SUMMARY_DIR), 'a file where the folder would be');
    for (let i = 0; i < 2; i++) {
      const store = fresh(dir);
      try {
        expect((await store.snapshot()).runs).toHaveLength(2);
        expect(store.counts).toMatchObject({ summaries: 0, decoded: 2 });
      } finally {
        store.close();
      }
    }
  });
});

describe('the optional cell lists of a summary the store writes', () => {
  it("a payload cell's way and size and a warm cell's pool are kept in the summary written for the next start", async () => {
    const dir = await tempDir();
    const r = makeResult({ runtime: 'node', id: 'p-1', seed: 3 });
    r.config.tasks = [...r.config.tasks, 'payload'];
    r.config.payloadBytes = [1024];
    r.config.ways = ['json'];
    r.config.pools = ['cold', 'warm'];
    const first = r.cells[0]!;
    const threads = r.cells.findIndex((c) => c.mode === 'threads');
    r.cells[0] = { ...first, task: 'payload', way: 'json', payloadBytes: 1024 };
    const warm = r.cells[threads]!;
    r.cells[threads] = {
      ...warm,
      pool: 'warm',
      samples: warm.samples.map((s) => ({ ...s, spawnMs: 0, teardownMs: 0, workMs: s.totalMs })),
    };
    const [name] = await writeResults(dir, [r]);
    const store = fresh(dir);
    const cold = cellsOf([{ ...r, cells: r.cells.filter((c) => c.pool !== 'warm') }]);
    try {
      const snap = await store.snapshot();
      await vi.waitFor(() => expect(store.counts.summariesWritten).toBe(1), { timeout: 5000 });
      // The warm cell is in the summary but not in the index, decoded or read from the summary.
      expect(Object.fromEntries(said(snap, store).map((x) => [x.meta.id, x.cells]))).toEqual(cold);
    } finally {
      store.close();
    }
    const again = fresh(dir);
    try {
      const snap = await again.snapshot();
      expect(again.counts).toMatchObject({ summaries: 1, decoded: 0 });
      expect(Object.fromEntries(said(snap, again).map((x) => [x.meta.id, x.cells]))).toEqual(cold);
    } finally {
      again.close();
    }
    const file = path.join(dir, name!);
    const { size, mtimeMs } = await stat(file);
    const read = readSummary(file, { size, mtimeMs });
    if (!read.ok) throw new Error(`no summary: ${JSON.stringify(read.miss)}`);
    const { way, payloadBytes, pool } = read.summary.cells;
    expect(way?.[0]).toBe('json');
    expect(payloadBytes?.[0]).toBe(1024);
    expect(pool?.[threads]).toBe('warm');
    expect(read.summary.cells).toEqual(summarizeResult(r).cells);
  });
});
