import { createHash } from 'node:crypto';
import { type FSWatcher, statSync, watch } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  decodeResult,
  type ResultFile,
  type ResultSummary,
  readSummary,
  removeSummary,
  SUMMARY_DIR,
  SUMMARY_SUFFIX,
  summaryBytes,
  writeResultFile,
  writeSummary,
} from '@tvp/core';
import { safeFileName } from './file-name.ts';
import { newestFirst } from './paging.ts';
import type { RunMeta, RunView, SkippedFile } from './payload.ts';
import { INDEX_FILE, indexText, readIndex, writeIndex } from './store/persist.ts';
import { LruCache } from './store/run-cache.ts';
import {
  CellKeys,
  fromSummary,
  type RunSummary,
  sameSummary,
  summarizeDecoded,
  summarizeRun,
} from './store/run-summary.ts';
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

/** A file's version: a file whose size or mtime changed is read again. */
interface Version {
  mtimeMs: number;
  size: number;
}

/** A readable file, summarized once and kept in the index until its size or mtime changes. */
interface Entry extends Version {
  outcome: { ok: true; summary: RunSummary } | { ok: false; reason: string };
}

/** A decoded run in the cache, with the version of the file it came from. */
interface Cached extends Version {
  run: StoredRun;
}

/** What the folder holds right now: the index, not the runs. */
export interface Snapshot {
  /** Newest first (time, then id), one per run id. */
  runs: RunSummary[];
  skipped: SkippedFile[];
  /** The same runs by id. */
  byId: ReadonlyMap<string, RunSummary>;
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

/** How much the store keeps, and how often it lists the folder. */
export interface StoreOptions {
  /** Decoded runs kept in memory, least recently used dropped first. Default CACHED_RUNS. */
  cachedRuns?: number;
  /** A listing younger than this is reused, unless an upload or the watcher changed the folder. Default FRESH_MS. */
  freshMs?: number;
  /**
   * Watch the folder (default true): a listing then stats only the files the watcher named, not
   * every file (10,000 stats took 236 ms on a loaded machine). Without it, every listing stats all.
   */
  watch?: boolean;
  /**
   * Save the index in the folder (INDEX_FILE, default true), so that a restart reads one file
   * instead of decoding every run again; a saved entry counts only while its file's size and
   * mtime match, which a check soon after the start confirms.
   */
  persist?: boolean;
}

/**
 * Decoded runs kept by default. A real run is ~24 KB on disk and ~0.45 MB in memory once decoded
 * with its view and JSON (441 MB for 1,000 runs, issue 13), so 128 runs cost ~60 MB: within the
 * 300 MB goal beside the index, and more than a full page asks for (10 machines x 3 runtimes x
 * 2 sweeps = 60 runs, plus batch rounds).
 */
export const CACHED_RUNS = 128;

/** One listing serves the requests of a page load (index, runs, history) instead of one each. */
export const FRESH_MS = 1000;

/** Even when watching, every file is checked this often, in case the watcher missed an event. */
export const RESTAT_MS = 60_000;

/** After a start from the saved index, every file is checked this soon (in the background). */
const VERIFY_MS = 1000;

/** The index is saved this long after its last change, so that a burst of uploads saves once. */
const SAVE_MS = 1000;

/** Files decoded at once while the index is built: enough to overlap reads, few enough to bound the garbage. */
const DECODE_AT_ONCE = 8;

/**
 * A listing gives other requests a turn after this many files. Stats and summaries are read
 * synchronously (a few microseconds each, where the thread pool's round trip costs tens), so
 * without a turn a folder of 10,000 would hold the server for the whole listing.
 */
const FILES_PER_TURN = 128;

/** Orphaned summaries are looked for this long after the first listing. */
const PRUNE_MS = 2000;

/** New files in a listing past which the summaries' folder is listed first. */
const SUMMARY_LISTING_FROM = 64;

/** Write errors that mean no summary can be written in the folder: stop trying. */
const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

/** How the index of the folder was filled since the store started. */
export interface ReadCounts {
  /** Runs indexed from the summary beside their file. */
  summaries: number;
  /** Files decoded whole: for the index (no usable summary) or on demand (a run asked for). */
  decoded: number;
  /** Summaries written beside a file that had none that matched it. */
  summariesWritten: number;
}

/**
 * The results folder, read through core's one reader. The store keeps an index of run summaries
 * (meta, comparability, per cell the median total and n) and decodes full runs on demand through
 * a bounded LRU cache. Listing the folder again picks up new, changed and removed files without a
 * restart; only files whose size or mtime changed are decoded.
 */
export class ResultStore {
  readonly #index = new Map<string, Entry>();
  readonly #cache: LruCache<string, Cached>;
  readonly #loading = new Map<string, Promise<StoredRun | undefined>>();
  readonly #freshMs: number;
  /** The cell key table every summary's `keys` point into. */
  readonly keys = new CellKeys();
  #uploads: Promise<unknown> = Promise.resolve();
  #scan: Promise<Snapshot> | undefined;
  #last: { at: number; snap: Snapshot } | undefined;
  readonly #watch: boolean;
  #watcher: FSWatcher | undefined;
  /** File names the watcher reported since the last listing; `all` when it could not say which. */
  #changed = new Set<string>();
  #changedAll = true;
  #timers: NodeJS.Timeout[] = [];
  readonly #persist: boolean;
  #savedRead = false;
  #saveTimer: NodeJS.Timeout | undefined;
  #saveFailed = false;
  #indexChanged = false;
  /** How the index was filled: the figures behind issue 16's "reads summaries, not files". */
  readonly counts: ReadCounts = { summaries: 0, decoded: 0, summariesWritten: 0 };
  /**
   * Summaries to write, one at a time after the listing that found them missing: encoded then, not
   * while the listing decodes (a queued summary shares its run with the index: its cell lists are
   * all it adds).
   */
  #summaryQueue: { name: string; summary: ResultSummary; info: Version }[] = [];
  #summaryWriting = false;
  #summariesWritable = true;
  /** Summaries found unreadable in the current listing: said in one line at its end. */
  #badSummaries: string[] = [];
  #pruned = false;
  /** During a listing of many new files: the summaries there are, so that a missing one costs no failed open. */
  #summaryNames: ReadonlySet<string> | undefined;

  constructor(
    readonly dir: string,
    readonly log: Log = (line) => console.warn(line),
    opts: StoreOptions = {},
  ) {
    this.#cache = new LruCache(opts.cachedRuns ?? CACHED_RUNS);
    this.#freshMs = opts.freshMs ?? FRESH_MS;
    this.#watch = opts.watch ?? true;
    this.#persist = opts.persist ?? true;
  }

  /** Stop watching the folder and writing summaries. */
  close(): void {
    this.#summaryQueue = []; // summaries not yet written are left to the next start
    this.#watcher?.close();
    this.#watcher = undefined;
    this.#changedAll = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
  }

  /** Check every file at the next listing, started now in the background. */
  #checkAll = (): void => {
    this.#changedAll = true;
    this.#last = undefined;
    void this.snapshot().catch((err: Error) => this.log(`report: checking ${this.dir}: ${err.message}`));
  };

  /** Save the index soon; a save that fails is said once, and the next start reads every file. */
  #saveSoon(): void {
    if (!this.#persist || this.#saveTimer) return;
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined;
      const entries = [...this.#index].flatMap(([file, e]) =>
        e.outcome.ok ? [{ file, mtimeMs: e.mtimeMs, size: e.size, summary: e.outcome.summary }] : [],
      );
      writeIndex(path.join(this.dir, INDEX_FILE), indexText(entries, this.keys)).catch((err: Error) => {
        if (!this.#saveFailed)
          this.log(`report: could not save the index in ${this.dir} (${err.message}); a restart reads every file`);
        this.#saveFailed = true;
      });
    }, SAVE_MS);
    this.#saveTimer.unref();
  }

  /** Watch the folder once it exists; a failed watch leaves every listing to stat every file. */
  #startWatching(): void {
    if (!this.#watch || this.#watcher) return;
    try {
      this.#watcher = watch(this.dir, { persistent: false }, (_event, name) => {
        if (name && String(name).startsWith('.')) return; // our own writes in progress and the saved index
        if (name) this.#changed.add(String(name));
        else this.#changedAll = true;
        this.#last = undefined;
      });
      this.#watcher.on('error', () => this.close());
      const restat = setInterval(this.#checkAll, RESTAT_MS);
      restat.unref();
      this.#timers.push(restat);
    } catch {
      this.#watcher = undefined; // no folder yet, or no inotify watches left: stat everything
    }
  }

  /** How many decoded runs the cache holds now (never more than its bound). */
  get cachedRuns(): number {
    return this.#cache.size;
  }

  /** The cache's bound. */
  get cacheLimit(): number {
    return this.#cache.limit;
  }

  /** The index of the folder and the skipped files. Concurrent callers share one listing. */
  snapshot(): Promise<Snapshot> {
    const last = this.#last;
    if (last && performance.now() - last.at < this.#freshMs) return Promise.resolve(last.snap);
    this.#scan ??= this.#read().finally(() => {
      this.#scan = undefined;
    });
    return this.#scan;
  }

  /** One run by id, decoded through the cache, or undefined. */
  async find(id: string): Promise<StoredRun | undefined> {
    const summary = (await this.snapshot()).byId.get(id);
    const run = summary && (await this.load(summary.meta.file));
    // A summary that gave the wrong id is corrected by the load; the file is not this run.
    return run?.meta.id === id ? run : undefined;
  }

  /**
   * The decoded run of a file. `keep: false` reads it without filling the cache (a scan through
   * every run must not push out what the page is showing).
   */
  load(file: string, keep = true): Promise<StoredRun | undefined> {
    const hit = this.#cache.get(file);
    if (hit) return this.#fresh(file, hit);
    let pending = this.#loading.get(file);
    if (!pending) {
      pending = this.#decode(file, keep).finally(() => this.#loading.delete(file));
      this.#loading.set(file, pending);
    }
    return pending;
  }

  /** A cached run, unless its file changed since: then read again. */
  async #fresh(file: string, hit: Cached): Promise<StoredRun | undefined> {
    const info = await stat(path.join(this.dir, file)).catch(() => undefined);
    if (info && info.mtimeMs === hit.mtimeMs && info.size === hit.size) return hit.run;
    this.#cache.delete(file);
    return this.load(file);
  }

  async #decode(file: string, keep: boolean): Promise<StoredRun | undefined> {
    let read: { info: Version; result: ResultFile };
    try {
      read = await this.#readWhole(file);
    } catch {
      this.#last = undefined; // gone or broken since it was indexed: the next listing says which
      return undefined;
    }
    const { info, result } = read;
    const run = new StoredRun(toMeta(file, result), result);
    // The index came from a summary or the saved index, which anyone who can write the folder can
    // craft: now that the file is decoded, what the index says of it is checked and corrected.
    const { index: fresh, summary } = summarizeDecoded(file, result, this.keys);
    const indexed = this.#index.get(file);
    const sameVersion = indexed !== undefined && indexed.mtimeMs === info.mtimeMs && indexed.size === info.size;
    if (!sameVersion || !indexed.outcome.ok || !sameSummary(indexed.outcome.summary, fresh)) {
      if (sameVersion && indexed.outcome.ok)
        this.log(`report: the index's summary of ${file} did not match the file; corrected from the file`);
      this.#index.set(file, { ...info, outcome: { ok: true, summary: fresh } });
      this.#last = undefined;
      this.#saveSoon();
      this.#summarizeLater(file, summary, info);
      this.#writeSummaries();
    }
    if (keep) this.#cache.set(file, { ...info, run });
    return run;
  }

  /**
   * Decode a whole file, with its version (`known`, or a stat) taken before it was read: a file
   * replaced in between is then seen as changed by the next listing, never indexed (or given a
   * summary) under the new version with the old content. (An open handle's stat and read cost
   * two more thread-pool round trips a file: 20% more CPU over 10,000 files.)
   */
  async #readWhole(name: string, known?: Version): Promise<{ info: Version; result: ResultFile }> {
    const full = path.join(this.dir, name);
    let info = known;
    if (!info) {
      const { mtimeMs, size } = await stat(full);
      info = { mtimeMs, size };
    }
    const result = decodeResult(await readFile(full), name);
    this.counts.decoded++;
    return { info, result };
  }

  /** Queue the summary of a decoded file for writing beside it, when the folder takes writes. */
  #summarizeLater(name: string, summary: ResultSummary, info: Version): void {
    if (this.#summariesWritable) this.#summaryQueue.push({ name, summary, info });
  }

  /**
   * Write the queued summaries, one at a time, in the background. Where the folder does not take
   * writes, say so once and stop: those files are then decoded at each start without a saved index.
   */
  #writeSummaries(): void {
    if (this.#summaryWriting) return;
    this.#summaryWriting = true;
    void (async () => {
      for (let job = this.#summaryQueue.shift(); job; job = this.#summaryQueue.shift()) {
        try {
          const bytes = summaryBytes(job.summary, job.info);
          await writeSummary(path.join(this.dir, job.name), bytes);
          if (bytes) this.counts.summariesWritten++;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? '';
          if (READ_ONLY.has(code)) {
            this.#summariesWritable = false;
            this.#summaryQueue = [];
            this.log(
              `report: cannot write summaries in ${path.join(this.dir, SUMMARY_DIR)} (${code}); files without one are decoded at each start`,
            );
          }
        }
      }
      this.#summaryWriting = false;
    })();
  }

  /**
   * Once per start, after the first listing: remove summaries whose result file is gone (deleted
   * while no store watched). Only those older than the listing: a runner writes a file's summary
   * just before the file itself.
   */
  async #pruneSummaries(present: ReadonlySet<string>, listedAt: number): Promise<void> {
    const dir = path.join(this.dir, SUMMARY_DIR);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const file = name.endsWith(SUMMARY_SUFFIX) ? name.slice(0, -SUMMARY_SUFFIX.length) : undefined;
      if (file !== undefined && present.has(file)) continue;
      const info = await stat(path.join(dir, name)).catch(() => undefined);
      if (info?.isFile() && info.mtimeMs < listedAt) await rm(path.join(dir, name), { force: true }).catch(() => {});
    }
  }

  async #read(): Promise<Snapshot> {
    const at = performance.now();
    const listedAt = Date.now();
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
    const fromSaved = await this.#readSaved(names.length > 0);
    this.#startWatching();
    // Which known files to stat: those the watcher named, or all of them when it cannot be trusted.
    // Right after a start from the saved index, none: the check follows in the background.
    const statAll = !fromSaved && (!this.#watcher || this.#changedAll);
    if (fromSaved && this.#watcher) {
      const verify = setTimeout(this.#checkAll, VERIFY_MS);
      verify.unref();
      this.#timers.push(verify);
    }
    const changed = this.#changed;
    this.#changed = new Set();
    this.#changedAll = false;
    const present = new Set(names);
    for (const file of this.#index.keys()) {
      if (!present.has(file)) {
        this.#index.delete(file);
        this.#cache.delete(file);
        this.#indexChanged = true;
        if (this.#summariesWritable) void removeSummary(path.join(this.dir, file)).catch(() => {});
      }
    }
    // Many files to index (a first start): one listing of the summaries' folder, instead of a
    // failed open (an exception, 4.5 us) for each file without one.
    if (names.length - this.#index.size > SUMMARY_LISTING_FROM) {
      const listed = await readdir(path.join(this.dir, SUMMARY_DIR)).catch(() => [] as string[]);
      this.#summaryNames = new Set(listed);
    }
    const entries: (Entry | undefined)[] = new Array(names.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < names.length) {
        const i = next++;
        const name = names[i]!;
        const known = this.#index.get(name);
        entries[i] = known && !statAll && !changed.has(name) ? known : await this.#entry(name);
        if (++done % FILES_PER_TURN === 0) await nextTurn();
      }
    };
    await Promise.all(Array.from({ length: DECODE_AT_ONCE }, worker));
    this.#summaryNames = undefined;
    if (this.#badSummaries.length > 0) {
      const [first] = this.#badSummaries;
      this.log(
        `report: ${this.#badSummaries.length} summar${this.#badSummaries.length === 1 ? 'y was' : 'ies were'} unreadable (${first}${this.#badSummaries.length > 1 ? ', ...' : ''}); their files were decoded instead`,
      );
      this.#badSummaries = [];
    }
    this.#writeSummaries();
    if (!this.#pruned && this.#summariesWritable) {
      this.#pruned = true;
      // Later, so that a start (a restart from the saved index takes 0.2 s) does not wait on it.
      const prune = setTimeout(() => void this.#pruneSummaries(present, listedAt).catch(() => {}), PRUNE_MS);
      prune.unref();
      this.#timers.push(prune);
    }
    const byId = new Map<string, RunSummary>();
    const skipped: SkippedFile[] = [];
    names.forEach((file, i) => {
      const entry = entries[i];
      if (entry === undefined) return;
      if (!entry.outcome.ok) {
        skipped.push({ file, reason: entry.outcome.reason });
        return;
      }
      const { summary } = entry.outcome;
      const first = byId.get(summary.meta.id);
      if (first) {
        skipped.push({ file, reason: `${file}: the same run id as ${first.meta.file}; showing that one` });
        return;
      }
      byId.set(summary.meta.id, summary);
    });
    const runs = [...byId.values()].sort(newestFirst);
    const snap: Snapshot = { runs, skipped, byId };
    if (this.#indexChanged) {
      this.#indexChanged = false;
      this.#saveSoon();
    }
    // An event during the listing may name a file already read: keep the listing only without one.
    if (this.#changed.size === 0 && !this.#changedAll) this.#last = { at, snap };
    return snap;
  }

  /**
   * On the first listing, take the saved index (when persisting, with files to index): true when
   * it gave entries, so this listing trusts them unchecked.
   */
  async #readSaved(any: boolean): Promise<boolean> {
    if (this.#savedRead || !this.#persist || !any) return false;
    this.#savedRead = true;
    const saved = await readIndex(path.join(this.dir, INDEX_FILE), this.keys);
    for (const e of saved) {
      if (!this.#index.has(e.file))
        this.#index.set(e.file, { mtimeMs: e.mtimeMs, size: e.size, outcome: { ok: true, summary: e.summary } });
    }
    return saved.length > 0;
  }

  /**
   * A file's entry: the known one while its size and mtime hold; else from the summary beside it
   * when that stands for this version of the file; else from decoding the file (and its summary
   * is queued for writing).
   */
  #entry(name: string): Entry | undefined | Promise<Entry | undefined> {
    const file = path.join(this.dir, name);
    let info: Version;
    try {
      const st = statSync(file, { throwIfNoEntry: false });
      if (!st) return undefined; // removed between the listing and now
      info = { mtimeMs: st.mtimeMs, size: st.size };
    } catch {
      return undefined;
    }
    const known = this.#index.get(name);
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known;
    this.#cache.delete(name);
    const listed = this.#summaryNames;
    if (listed && !listed.has(`${name}${SUMMARY_SUFFIX}`)) return this.#decodeEntry(name, info);
    const read = readSummary(file, info);
    if (read.ok) {
      this.counts.summaries++;
      return this.#indexed(name, {
        ...info,
        outcome: { ok: true, summary: fromSummary(name, read.summary, this.keys) },
      });
    }
    if (read.miss.kind === 'unreadable') this.#badSummaries.push(read.miss.reason);
    return this.#decodeEntry(name, info);
  }

  async #decodeEntry(name: string, info: Version): Promise<Entry | undefined> {
    let entry: Entry;
    try {
      const { result } = await this.#readWhole(name, info);
      const { index, summary } = summarizeDecoded(name, result, this.keys);
      entry = { ...info, outcome: { ok: true, summary: index } };
      this.#summarizeLater(name, summary, info);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') return undefined; // removed between the stat and now
      const reason = e.message;
      this.log(`report: skipped ${name}: ${reason}`);
      entry = { ...info, outcome: { ok: false, reason } };
    }
    return this.#indexed(name, entry);
  }

  /** Put an entry in the index; saved once the listing is done, not file by file while it runs. */
  #indexed(name: string, entry: Entry): Entry {
    this.#index.set(name, entry);
    this.#indexChanged = true;
    return entry;
  }

  /**
   * Store an already-validated run atomically, once per run id. Uploads take turns, and each lists
   * the folder afresh, so two requests with the same id cannot both write. The stored file joins
   * the index at once.
   */
  add(result: ResultFile, bytes: Uint8Array): Promise<Stored> {
    const turn = this.#uploads.then(() => this.#add(result, bytes));
    this.#uploads = turn.catch(() => undefined);
    return turn;
  }

  async #add(result: ResultFile, bytes: Uint8Array): Promise<Stored> {
    const { id } = result;
    this.#last = undefined;
    const known = (await this.snapshot()).byId.get(id);
    if (known) return { id, file: known.meta.file, duplicate: true };
    let name = safeFileName(result);
    const taken = await stat(path.join(this.dir, name)).then(
      () => true,
      () => false,
    );
    // Same time, label and id prefix but another id: keep both, told apart by a hash of the id.
    if (taken)
      name = name.replace(/\.msgpack$/, `-${createHash('sha256').update(id).digest('hex').slice(0, 8)}.msgpack`);
    const file = path.join(this.dir, name);
    // The summary is written just before the file takes its name, so no listing decodes it.
    await writeResultFile(file, bytes, result);
    const info = await stat(file);
    this.#index.set(name, {
      mtimeMs: info.mtimeMs,
      size: info.size,
      outcome: { ok: true, summary: summarizeRun(name, result, this.keys) },
    });
    this.#last = undefined;
    this.#saveSoon();
    return { id, file: name, duplicate: false };
  }
}
