import type { TaskKind, WorkerMode } from './format/types.ts';

/** The named sweeps (`--preset`): the default, a quick check, and the article's scale. */
export const PRESETS = ['default', 'quick', 'article'] as const;

/** The only schema version this code writes and reads. */
export const SCHEMA_VERSION = 1 as const;
export const TOOL_NAME = 'threads-vs-processes';
export const TOOL_VERSION = '0.1.0';

export const TASK_KINDS: readonly TaskKind[] = ['io', 'cpu', 'noop', 'fs', 'net', 'module', 'payload'];
export const WORKER_MODES: readonly WorkerMode[] = ['threads', 'processes'];
export const MODES = ['threads', 'processes', 'sequential', 'async'] as const;

/** The article's first experiment: 1 to 8 workers. */
export const STANDARD_WORKERS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8];
/** The article's second experiment, on a log2 axis. */
export const EXTENDED_WORKERS: readonly number[] = [1, 2, 4, 8, 16, 32, 64];
/** More workers than this is a typo, not an experiment: each may be a process. */
export const MAX_WORKERS = 256;

/** The article ran each hub over 100 tasks and timed it 5 times (the article preset does too). */
export const DEFAULT_COUNT = 100;
export const DEFAULT_REPEAT = 5;
/**
 * The default sweep's measured runs per cell: 4, not the article's 5, so that a first run of the
 * four runtimes fits in 10 minutes here. The intervals stay exact bootstraps; at 5 runs the
 * default's were within 1-3% of the speedup (README), so one run less costs little.
 */
export const FIRST_RUN_REPEAT = 4;
/**
 * The default sweep runs async (the main thread) with cpu tasks at 1 and 2 in flight only: one
 * thread cannot run cpu work faster with more in flight (measured: 0.99x to 1.02x of 1 at every
 * count from 2 to 8 on Node), so the cells above 2 repeat the main thread. 2 shows that it does not.
 */
export const ASYNC_CPU_MAX_WORKERS = 2;
/** One unmeasured run first, so that code caches and page tables are warm. */
export const DEFAULT_WARMUP = 1;
/**
 * 10 ms: long against timer slack (median 0.14 ms here on Node, Bun and CPython, 1.5-1.8 ms on Deno,
 * measured at load 13 on 2 cores; each run of a cell waits alike, so speedups are unaffected), and
 * half the io time of the 20 ms that the default used before.
 */
export const DEFAULT_IO_MS = 10;
/** About 10 ms of integer work per task here (median of 30: 9.9 ms on Node 20 and on Bun 1.4.5). */
export const DEFAULT_CPU_ITERS = 6_000_000;
/** 4 MiB: a read from the page cache of about 2 ms here, in 8 chunks of Node's 512 KiB (each a libuv pool job). */
export const DEFAULT_FS_BYTES = 4 * 1024 * 1024;
/** The loopback server answers after 5 ms: a fast service, long against a loopback round trip (~0.1 ms). */
export const DEFAULT_NET_DELAY_MS = 5;
/** A 16 KiB body: a typical JSON API answer. */
export const DEFAULT_NET_BYTES = 16 * 1024;
/** A task longer than this is hung: far above any default task, short enough to notice. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The event-loop delay sampler's interval, ms: it bounds the stall the sampler can miss (one
 * shorter than this may fall between two ticks) and sets its cost (one timer callback per tick).
 */
export const LOOP_DELAY_INTERVAL_MS = 1;
/**
 * The longest the sampler waits while the hub's loop is idle, ms: each wake-up of an idle loop
 * takes a core from the workers (1,000 a second cost cpu x2 cells 2-4% of their work time on
 * 2 cores), and an idle loop has no stall to time until one begins.
 */
export const LOOP_DELAY_IDLE_INTERVAL_MS = 10;

/** How long a killed worker may take to report its exit before it is given up on. */
export const KILL_WAIT_MS = 2_000;
/** A worker sent `exit` that has not gone after this long is killed (and the cell fails). */
export const TEARDOWN_LIMIT_MS = 10_000;
/**
 * The least time a warm library pool's roll call between batches may take, ms, whatever
 * `--timeout-ms`: it fails a batch for a worker that died, never for one that a loaded machine
 * made slow to answer (on 2 cores at a load of 20, a `whoami` took 1.1 s).
 */
export const ROLL_CALL_LIMIT_MS = 10_000;
/** The upload limit the report server applies by default; the runner checks it first. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

/** Variables recorded in every file because they change what a runner measures. */
export const RECORDED_VARS: readonly string[] = [
  'NODE_OPTIONS',
  'UV_THREADPOOL_SIZE',
  'NODE_EXTRA_CA_CERTS',
  'NODE_ENV',
  'BUN_JSC_useJIT',
  'DENO_V8_FLAGS',
];
/** Variables that the `clean` worker environment drops from process workers. */
export const SLOW_START_VARS: readonly string[] = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];

// Limits of the result-file reader. A file that passes them costs the reader and the report time
// and memory in proportion to its size. Each is far above what a real sweep writes: the largest
// plausible one, every task and impl at each of the 256 worker counts a list allows with
// --repeat 1000, has 3 * (1 + 5 * 256) = 3,843 cells of 1,000 samples.
/** Cells in one file: 2.6x the largest plausible sweep, room for more impls per mode. */
export const MAX_CELLS = 10_000;
/** Samples in one cell, and round-trip samples in one transport: 10x --repeat 1000. */
export const MAX_SAMPLES = 10_000;
/** Transports with round-trip figures: one per (mode, impl), fewer than 10 today. */
export const MAX_ROUND_TRIPS = 1_000;
/** Warnings in one file: a runner writes a handful at most. */
export const MAX_WARNINGS = 1_000;
/** Recorded environment variables: a runner records 6 names. */
export const MAX_ENV_VARS = 256;
/** Items in a list the reader has no tighter cap for (config.tasks, config.impls, env.loadavg*). */
export const MAX_LIST_ITEMS = 1_000;
/** UTF-16 units in any string: a cell's error message with a worker's stack fits many times over. */
export const MAX_STRING_LENGTH = 65_536;
/**
 * Nesting of maps and lists: the schema goes 5 deep (the file, cells, a cell, samples, a sample);
 * the rest leaves room for a newer writer's fields while keeping the decoder's recursion shallow.
 */
export const MAX_NESTING = 32;
/**
 * Bytes of file per map or list, at least. A decoded map or list takes about 64 bytes of heap
 * (measured on Node 20: 4 MB of empty maps became 256 MB), while the smallest in a real file, a
 * sample, takes over 40 bytes of msgpack. At one per 8 bytes a file decodes into at most about
 * 8 times its size in maps and lists.
 */
export const MIN_BYTES_PER_CONTAINER = 8;
/** A run id: letters, digits, '-', '_', '.', not starting with a dot; a runner writes a UUID. */
export const RUN_ID_PATTERN = /^(?!\.)[A-Za-z0-9._-]{1,64}$/;

/** Arrival runs: at least this many warm-up arrivals per run (see `ArrivalConfig.warmupMin`). */
export const ARRIVAL_WARMUP_MIN = 10;
/** Arrival runs: warm-up arrivals per worker, so that each answers at least twice before timing. */
export const ARRIVAL_WARMUP_PER_WORKER = 2;
/**
 * A rate is sustained when answers come at least this share of the offered rate: a stable queue
 * passes on what arrives (over 100 tasks, the first and last responses shift that by about 1%),
 * while an overloaded one answers at its capacity and its backlog grows through the run.
 */
export const ARRIVAL_SUSTAIN_SHARE = 0.9;
/** The seed of the arrival generator unless `--arrival-seed` is given: every run repeats the schedule. */
export const DEFAULT_ARRIVAL_SEED = 1;
/** The most rates one sweep (or file) has. */
export const MAX_ARRIVAL_RATES = 64;
/** 1 to 100,000 tasks/s: below, a run of 100 tasks takes minutes; above, timers cannot space them. */
export const MIN_ARRIVAL_RATE = 0.01;
export const MAX_ARRIVAL_RATE = 100_000;
