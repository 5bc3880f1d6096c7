import { expect, test } from 'vitest';
import { fakeRun } from '../analysis/result.fixture.ts';
import { formatSummary } from './summary.ts';

test('the table gives each speedup its interval, and the header says what the interval is', () => {
  const out = formatSummary(
    fakeRun({
      totals: { 'cpu threads 1': [200, 204, 208, 212, 216], 'cpu threads 2': [100, 101, 102, 103, 104] },
    }),
    undefined,
  );
  expect(out).toContain('(speedup vs 1 worker, lo-hi its 95% interval)');
  expect(out).toContain('interval: exact bootstrap of the ratio of the medians at 1 worker and at N, within this run');
  const row = out.split('\n').find((l) => /^\s+2\s/.test(l))!;
  expect(row).toMatch(/^\s+2\s+102 \(2\.04x \d\.\d\d-\d\.\d\d\)\s+2\.00x$/);
});

test('an article-clock run says under the header which clock timed its totals; a phases run says nothing more', () => {
  const totals = { 'io threads 1': [200, 204, 208], 'io threads 2': [100, 101, 102] };
  expect(formatSummary(fakeRun({ totals, config: { clock: 'article' } }), undefined)).toContain(
    "Totals timed by the article's clock",
  );
  expect(formatSummary(fakeRun({ totals }), undefined)).not.toContain('Totals timed');
});

test('an fs table on Node says whose libuv pool the reads share, and its size', () => {
  const run = (vars: Record<string, string>) => {
    const r = fakeRun({ config: { tasks: ['fs'], fsBytes: 4096 }, totals: { 'fs threads 1': [10, 11, 12] } });
    r.cells = r.cells.map((c) => ({ ...c, task: 'fs' }));
    r.env.vars = vars;
    return formatSummary(r, undefined);
  };
  expect(run({})).toContain("each read runs on libuv's thread pool, 4 threads (the default; UV_THREADPOOL_SIZE unset)");
  expect(run({ UV_THREADPOOL_SIZE: '16' })).toContain('UV_THREADPOOL_SIZE=16 threads');
  expect(run({})).toContain("Node's worker threads share their process's one pool");
});

/** A run whose io threads follow USL (sigma 0.05, kappa 0.001) and cost 5 + 3 N ms to start. */
function decisionRun() {
  const base = fakeRun({ config: { tasks: ['io'], count: 120, workers: [1, 2, 3, 4, 5, 6] } });
  const usl = (n: number) => n / (1 + 0.05 * (n - 1) + 0.001 * n * (n - 1));
  const cells = [1, 2, 3, 4, 5, 6].map((n) => {
    const work = 1200 / usl(n);
    return {
      task: 'io' as const,
      mode: 'threads' as const,
      impl: 'wt',
      workers: n,
      status: 'ok' as const,
      samples: [-1, 0, 1].map((d) => ({
        spawnMs: 5 + 3 * n + d * 0.1,
        workMs: work + d,
        teardownMs: 1 + 0.5 * n,
        totalMs: 5 + 3 * n + work + d + 1 + 0.5 * n,
      })),
      memory: { bytesPerWorker: 10 * 1024 * 1024, method: 'rss-growth' as const },
    };
  });
  return { ...base, cells };
}

test('the summary shows what a worker costs, the fit of each series, and the recommendation last', () => {
  const out = formatSummary(decisionRun(), 'x.msgpack');
  const lines = out.split('\n');
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  expect(lines[at(/^\s+threads\/wt: start/)]).toMatch(
    /start 5\.000 ± 0\.047 ms \+ 3\.000 ± 0\.012 ms per worker \(R² 1\.00\)/,
  );
  expect(lines[at(/^\s+teardown/)]).toBe('              teardown 1 ± 0 ms + 0.5 ± 0 ms per worker (R² 1.00)');
  expect(lines[at(/^\s+memory/)]).toContain('memory 10.0 MiB per worker (rss-growth, 6 cells)');
  const fit = lines[at(/^\s+io threads\/wt: sigma/)]!;
  const [, sigma, kappa] = /sigma (\S+) ± \S+, kappa (\S+) ± \S+, R² (?:0\.99\d|1\.000)/.exec(fit) ?? [];
  expect(Number(sigma)).toBeCloseTo(0.05, 2);
  expect(Number(kappa)).toBeCloseTo(0.001, 3);
  expect(fit).toMatch(/peak N\* \d+ \(beyond the data\), contention dominates$/);
  const rec = at(/^recommendation/);
  expect(lines[rec + 1]).toBe('  IO: threads, 6 workers, 4.27x; the most measured: more may help');
  expect(lines[rec + 2]).toMatch(/^\s+median total, min–max: best threads\/wt x6: /);
  expect(rec).toBeGreaterThan(at(/^\s+io threads\/wt: sigma/));
  expect(lines.slice(rec + 3).filter((l) => l !== '')).toEqual(['wrote x.msgpack (6 cells, 0 failed)']);
});

test('a series too short to fit says why, and a task with no ok cell says the data cannot decide', () => {
  const run = fakeRun({ totals: { 'io threads 1': [100, 101, 102], 'io threads 2': [60, 61, 62] } });
  run.config.tasks = ['io', 'cpu'];
  const out = formatSummary(run, undefined);
  expect(out).toContain('  io threads/x: no fit: 2 distinct worker counts (1, 2); a fit needs at least 5');
  expect(out).toContain('  CPU: the data cannot decide: no ok cpu cell in this run');
  expect(out).toContain('  threads/x: start 1 ± 0 ms + 0 ± 0 ms per worker (R² 1.00)');
  expect(out).toContain('memory not measured');
});

test('a module, fs and net get their recommendation; a module the main thread wins says what offloading would take', () => {
  const r = fakeRun({
    config: {
      tasks: ['module', 'fs', 'net'],
      count: 10,
      fsBytes: 1024 * 1024,
      netBytes: 2048,
      netDelayMs: 5,
      taskModule: { path: '/p/render.mjs', name: 'render', sha256: 'a'.repeat(64), bound: 'cpu', checked: true },
    },
    totals: {
      // 10 calls of 3 ms on the main thread; a thread at 1 worker works 42 ms (1.2 ms a call more).
      'module sequential 1': [31, 32, 33],
      'module threads 1': [43, 44, 45],
      'module threads 2': [35, 36, 37],
      'fs threads 1': [100, 101, 102],
      'fs threads 2': [60, 61, 62],
      'net threads 1': [100, 101, 102],
      'net threads 2': [55, 56, 57],
    },
  });
  const lines = formatSummary(r, undefined).split('\n');
  const rec = lines.findIndex((l) => l.startsWith('recommendation'));
  expect(lines[rec + 1]).toBe(
    '  FS (reads of a 1.0 MiB file): threads, 2 workers, 1.66x; the most measured: more may help',
  );
  expect(lines[rec + 2]).toMatch(
    /^\s+median total, min–max: best threads\/x x2: 61\.0 ms .*; speedup 1\.66x \(95% interval /,
  );
  expect(lines[rec + 3]).toBe(
    '  NET (loopback HTTP, 2.0 KiB after 5 ms): threads, 2 workers, 1.80x; the most measured: more may help',
  );
  expect(lines[rec + 5]).toMatch(
    /^ {2}render \(module, cpu-bound\): one task at a time \(sequential\); the main thread wins: a call does 3\.00 ms of work; a thread adds 1\.20 ms per call to move its argument and answer and 2\.00 ms to start and stop; with 2 workers in parallel on 2 cores, offloading would pay from about 1\.9 calls per worker, but in this run they took 3\.60 ms per call in all against the model's 2\.50: they did not run in parallel as the model has them$/,
  );
  expect(lines[rec + 6]).toContain("start and stop from the 1-worker cell's spawn + teardown");
});

test("the summary prints the hub's event-loop delay per task, one short line, as a range over worker counts", () => {
  const r = fakeRun({
    totals: {
      'cpu sequential 1': [100, 101, 102],
      'cpu threads 1': [100, 101, 102],
      'cpu threads 2': [50, 51, 52],
    },
  });
  const d = (p99Ms: number) => ({
    method: 'timer-drift' as const,
    intervalMs: 1,
    p50Ms: 0.05,
    p99Ms,
    maxMs: p99Ms + 1,
    samples: 300,
  });
  r.cells[0]!.loopDelay = d(9.8);
  r.cells[1]!.loopDelay = d(0.21);
  r.cells[2]!.loopDelay = d(0.4);
  const out = formatSummary(r, undefined).split('\n');
  const head = out.findIndex((l) => l.startsWith('event-loop delay of the hub during the work'));
  expect(out[head]).toContain('sampled every 1 ms by a timer on the event loop');
  expect(out[head + 1]).toBe('  cpu: sequential/x 9.80 · threads/x 0.21-0.40');
  // A sampler that backs off while the loop is idle says so.
  for (const c of r.cells) c.loopDelay = { ...(c.loopDelay as ReturnType<typeof d>), idleIntervalMs: 10 };
  expect(formatSummary(r, undefined)).toContain(
    'sampled every 1 ms (backing off to 10 ms while the loop is idle) by a timer on the event loop',
  );
  // Older files have no delays: no section.
  expect(formatSummary(fakeRun(), undefined)).not.toContain('event-loop delay');
});

test('on a busy machine the recommendation says so where the answer is, and to re-run quietly', () => {
  const totals = { 'cpu threads 1': [200, 204, 208, 212, 216], 'cpu threads 2': [100, 101, 102, 103, 104] };
  const busy = fakeRun({ totals });
  busy.env.otherCpuShare = 0.76;
  expect(formatSummary(busy, undefined)).toContain(
    'recommendation (by median total time, on this machine and runtime; other processes used 76% of the CPU meanwhile, so re-run on a quiet machine before acting on it):',
  );
  const quiet = fakeRun({ totals });
  quiet.env.otherCpuShare = 0.02;
  expect(formatSummary(quiet, undefined)).toContain(
    'recommendation (by median total time, on this machine and runtime):\n',
  );
});
