import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeResult, type ResultFile, writeAtomic } from '@tvp/core';
import { safeFileName } from './file-name.ts';
import type { RunMeta, RunView, SkippedFile } from './payload.ts';
import { toMeta, toView } from './view.ts';

/** A decoded run. Its view (core's summaries) and JSON are derived on first use, then kept. */
export class StoredRun {
  #view: RunView | undefined;
  #json: string | undefined;
  #resultJson: string | undefined;
  constructor(
    readonly meta: RunMeta,
    readonly result: ResultFile,
  ) {}
  /** The run with core's summaries and every warning. */
  get view(): RunView {
    this.#view ??= toView(this.meta.file, this.result);
    return this.#view;
  }
  /** `{ meta, result }` as JSON, serialized once: this run in `GET /api/results`. */
  get resultJson(): string {
    this.#resultJson ??= JSON.stringify({ meta: this.meta, result: this.result });
    return this.#resultJson;
  }
  /** `view` as JSON, serialized once. */
  get json(): string {
    this.#json ??= JSON.stringify(this.view);
    return this.#json;
  }
}

/** A readable file, decoded once and kept until its size or mtime changes. */
interface Entry {
  mtimeMs: number;
  size: number;
  outcome: { ok: true; run: StoredRun } | { ok: false; reason: string };
}

/** What the folder holds right now. */
export interface Snapshot {
  /** Newest first, one per run id. */
  runs: StoredRun[];
  skipped: SkippedFile[];
}

/** The outcome of storing an uploaded file. */
export interface Stored {
  id: string;
  file: string;
  /** True when a run with this id was already there: nothing was written. */
  duplicate: boolean;
}

/** Where the store reports a file it skips (once per file version). */
export type Log = (line: string) => void;

/**
 * The results folder, read through core's one reader. Every `snapshot()` lists the folder again,
 * so new files appear without a restart, but only files whose size or mtime changed are decoded.
 */
export class ResultStore {
  readonly #cache = new Map<string, Entry>();
  #uploads: Promise<unknown> = Promise.resolve();
  #scan: Promise<Snapshot> | undefined;

  constructor(
    readonly dir: string,
    readonly log: Log = (line) => console.warn(line),
  ) {}

  /** The decoded runs and the skipped files. Concurrent callers share one scan. */
  snapshot(): Promise<Snapshot> {
    this.#scan ??= this.#read().finally(() => {
      this.#scan = undefined;
    });
    return this.#scan;
  }

  /** One run by id, or undefined. */
  async find(id: string): Promise<StoredRun | undefined> {
    return (await this.snapshot()).runs.find((r) => r.meta.id === id);
  }

  async #read(): Promise<Snapshot> {
    let names: string[];
    try {
      const dirents = await readdir(this.dir, { withFileTypes: true });
      // Dot files are ours (atomic writes in progress) or the user's (.gitkeep): not results.
      names = dirents.filter((d) => d.isFile() && !d.name.startsWith('.')).map((d) => d.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') names = [];
      else throw err;
    }
    names.sort();
    const present = new Set(names);
    for (const cached of this.#cache.keys()) if (!present.has(cached)) this.#cache.delete(cached);
    const entries = await Promise.all(names.map(async (name) => [name, await this.#entry(name)] as const));
    const byId = new Map<string, StoredRun>();
    const skipped: SkippedFile[] = [];
    for (const [file, entry] of entries) {
      if (entry === undefined) continue;
      if (!entry.outcome.ok) {
        skipped.push({ file, reason: entry.outcome.reason });
        continue;
      }
      const first = byId.get(entry.outcome.run.meta.id);
      if (first) {
        skipped.push({ file, reason: `${file}: the same run id as ${first.meta.file}; showing that one` });
        continue;
      }
      byId.set(entry.outcome.run.meta.id, entry.outcome.run);
    }
    const runs = [...byId.values()].sort((a, b) => b.meta.createdAt.localeCompare(a.meta.createdAt));
    return { runs, skipped };
  }

  async #entry(name: string): Promise<Entry | undefined> {
    const file = path.join(this.dir, name);
    let info: { mtimeMs: number; size: number };
    try {
      info = await stat(file);
    } catch {
      return undefined; // removed between the listing and now
    }
    const cached = this.#cache.get(name);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    let outcome: Entry['outcome'];
    try {
      const result = decodeResult(await readFile(file), name);
      outcome = { ok: true, run: new StoredRun(toMeta(name, result), result) };
    } catch (err) {
      const reason = (err as Error).message;
      outcome = { ok: false, reason };
      this.log(`report: skipped ${name}: ${reason}`);
    }
    const entry: Entry = { mtimeMs: info.mtimeMs, size: info.size, outcome };
    this.#cache.set(name, entry);
    return entry;
  }

  /**
   * Store an already-validated run atomically, once per run id. Uploads take turns, and each reads
   * the folder afresh, so two requests with the same id cannot both write.
   */
  add(result: ResultFile, bytes: Uint8Array): Promise<Stored> {
    const turn = this.#uploads.then(() => this.#add(result, bytes));
    this.#uploads = turn.catch(() => undefined);
    return turn;
  }

  async #add(result: ResultFile, bytes: Uint8Array): Promise<Stored> {
    const { id } = result;
    const known = (await this.#read()).runs.find((r) => r.meta.id === id);
    if (known) return { id, file: known.meta.file, duplicate: true };
    let name = safeFileName(result);
    const taken = await stat(path.join(this.dir, name)).then(
      () => true,
      () => false,
    );
    // Same time, label and id prefix but another id: keep both, told apart by a hash of the id.
    if (taken)
      name = name.replace(/\.msgpack$/, `-${createHash('sha256').update(id).digest('hex').slice(0, 8)}.msgpack`);
    await writeAtomic(path.join(this.dir, name), bytes);
    return { id, file: name, duplicate: false };
  }
}
