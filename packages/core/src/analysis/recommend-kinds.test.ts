import { describe, expect, test } from 'vitest';
import type { Cell, Mode, ResultFile, RoundTrip, Sample, TaskBound, TaskKind } from '../format/types.ts';
import { recommendationEvidence } from './decision-text.ts';
import { recommend } from './recommend.ts';

/** Three samples: work spread by +-spread, spawn and teardown exact (so the start lines fit exactly). */
function phases(spawnMs: number, workMs: number, teardownMs: number, spread = 0.5): Sample[] {
  return [-1, 0, 1].map((k) => {
    const work = workMs + k * spread;
    return { spawnMs, workMs: work, teardownMs, totalMs: spawnMs + work + teardownMs };
  });
}

const cell = (task: TaskKind, mode: Mode, impl: string, workers: number, samples: Sample[]): Cell => ({
  task,
  mode,
  impl,
  workers,
  status: 'ok',
  samples,
});

interface RunOptions {
  cores?: number;
  count: number;
  bound?: TaskBound;
  roundTrips?: RoundTrip[];
}

function run(cells: Cell[], o: RunOptions): ResultFile {
  const tasks = [...new Set(cells.map((c) => c.task))];
  return {
    env: { cores: o.cores ?? 2, availableParallelism: o.cores ?? 2 },
    config: {
      count: o.count,
      tasks,
      fsBytes: 4 * 1024 * 1024,
      netBytes: 16384,
      netDelayMs: 5,
      ...(tasks.includes('module')
        ? { taskModule: { name: 'render', bound: o.bound ?? 'cpu', sha256: 'a'.repeat(64), checked: true } }
        : {}),
    },
    cells,
    ...(o.roundTrips ? { roundTrips: o.roundTrips } : {}),
  } as unknown as ResultFile;
}

const N = [1, 2, 4];
/** A thread starts in 9 ms plus 1 ms for the pool, stops in 0.5 ms; a process in 30 and 2. */
const threadStart = (n: number) => 1 + 9 * n;
const processStart = (n: number) => 5 + 30 * n;

/**
 * A cpu-bound call of 3.1 ms whose argument costs a thread 0.9 ms per call to move (4.0 ms a
 * call at 1 worker), as a 3 ms task with a 60 KB argument does; `parallelWork(n)` is the work
 * phase at n workers.
 */
function smallTask(task: TaskKind, count: number, parallelWork: (n: number) => number): Cell[] {
  return [
    cell(task, 'sequential', 'main', 1, phases(0, 3.1 * count, 0)),
    ...N.map((n) => cell(task, 'async', 'main', n, phases(0, 3.3 * count, 0))),
    ...N.map((n) =>
      cell(
        task,
        'threads',
        'worker_threads',
        n,
        phases(threadStart(n), n === 1 ? 4 * count : parallelWork(n), 0.5 * n),
      ),
    ),
    ...N.map((n) =>
      cell(task, 'processes', 'child_process', n, phases(processStart(n), n === 1 ? 5 * count : 4 * count, 2 * n)),
    ),
  ];
}

/** Work at n workers as the model has it: (3.1 + 0.9) ms a call on min(n, 2) cores. */
const modelWork = (count: number) => (n: number) => (4 * count) / Math.min(n, 2);

describe('a recommendation for every task kind', () => {
  test('module, fs and net are recommended beside io and cpu; noop is not', () => {
    const cells = (['io', 'cpu', 'noop', 'fs', 'net', 'module'] as const).flatMap((t) =>
      N.map((n) => cell(t, 'threads', 'worker_threads', n, phases(threadStart(n), 400 / n, 0.5 * n))),
    );
    const recs = recommend(run(cells, { count: 100 }));
    expect(recs.map((r) => [r.task, r.ok])).toEqual([
      ['io', true],
      ['cpu', true],
      ['fs', true],
      ['net', true],
      ['module', true],
    ]);
  });

  test('a cpu-bound module where workers win: like cpu, named by the module, = cores', () => {
    // 30 ms of work a call: threads at 2 take 30 * 20 / 2 = 300 ms of work.
    const cells = N.flatMap((n) => [
      cell('module', 'sequential', 'main', 1, phases(0, 600, 0)),
      cell('module', 'threads', 'worker_threads', n, phases(threadStart(n), 600 / Math.min(n, 2) + 5, 0.5 * n)),
    ]).filter((c, i, all) => all.findIndex((d) => d.mode === c.mode && d.workers === c.workers) === i);
    const [rec] = recommend(run(cells, { count: 20 }));
    if (!rec?.ok) throw new Error(JSON.stringify(rec));
    // 1 worker: 10 + 605 + 0.5 = 615.5; 2 workers: 19 + 305 + 1 = 325 (the best).
    expect(rec.sentence).toBe('render (module, cpu-bound): threads, 2 workers = cores, 1.89x; more buys nothing');
    expect(rec.idealSpeedup).toBe(2);
    expect(rec.evidence.offload).toBeUndefined();
    expect(recommendationEvidence(rec)).toContain('speedup 1.89x (95% interval ');
    expect(recommendationEvidence(rec)).toContain('ideal 2.00x');
  });

  test('an io-bound module: its bound picks the ideal and drops "= cores"', () => {
    const cells = N.map((n) =>
      cell('module', 'threads', 'worker_threads', n, phases(threadStart(n), 400 / n, 0.5 * n)),
    );
    // 1 worker: 10 + 400 + 0.5 = 410.5 ms; 4 workers: 37 + 100 + 2 = 139 ms.
    const [io] = recommend(run(cells, { count: 100, bound: 'io' }));
    if (!io?.ok) throw new Error(JSON.stringify(io));
    expect(io.sentence).toBe('render (module, io-bound): threads, 4 workers, 2.95x; the most measured: more may help');
    expect(io.idealSpeedup).toBe(4);
    const [cpu] = recommend(run(cells, { count: 100, bound: 'cpu' }));
    if (!cpu?.ok) throw new Error(JSON.stringify(cpu));
    expect(cpu.idealSpeedup).toBe(2);
  });

  test('fs and net say what they measured', () => {
    const cells = (['fs', 'net'] as const).flatMap((t) =>
      N.map((n) => cell(t, 'threads', 'worker_threads', n, phases(threadStart(n), 400 / n, 0.5 * n))),
    );
    const [fs, net] = recommend(run(cells, { count: 100 }));
    expect(fs?.ok && fs.sentence).toBe(
      'FS (reads of a 4.0 MiB file): threads, 4 workers, 2.95x; the most measured: more may help',
    );
    expect(net?.ok && net.sentence).toBe(
      'NET (loopback HTTP, 16.0 KiB after 5 ms): threads, 4 workers, 2.95x; the most measured: more may help',
    );
  });
});

describe('where offloading does not pay', () => {
  test('a 3 ms call with a costly argument on 2 cores: the main thread wins, and what it would take', () => {
    // 10 calls: sequential 31 ms; threads at 2 take 19 + 20 + 1 = 40 ms, at 1 10 + 40 + 0.5.
    const r = run(smallTask('module', 10, modelWork(10)), { count: 10 });
    const [rec] = recommend(r);
    if (!rec?.ok) throw new Error(JSON.stringify(rec));
    expect([rec.mode, rec.decided]).toEqual(['sequential', true]);
    // Start and stop: the spawn line's slope 9 plus the teardown line's 0.5. The model pays at k
    // calls per worker when 2 k 3.1 > 2 * 9.5 + 2 k (3.1 + 0.9) / 2: k > 9.5 / 1.1 = 8.64; at 5
    // calls per worker, from w with 10 w > 19 + 10 (w + 0.9) / 2: w > 4.7 ms.
    expect(rec.sentence).toBe(
      'render (module, cpu-bound): one task at a time (sequential); the main thread wins: a call does 3.10 ms of work; ' +
        'a thread adds 0.90 ms per call to move its argument and answer and 9.50 ms to start and stop; ' +
        "on 2 cores, offloading pays from about 8.7 calls per worker, or from about 4.70 ms of work per call at this run's 5 calls per worker",
    );
    const o = rec.evidence.offload;
    expect(o).toMatchObject({ mode: 'threads', impl: 'worker_threads', bound: 'cpu', calls: 10, cores: 2 });
    expect(o?.mainMsPerCall).toBeCloseTo(3.1, 9);
    expect(o?.overheadMsPerCall).toBeCloseTo(0.9, 9);
    expect(o?.startMsPerWorker).toBeCloseTo(9.5, 9);
    expect(o?.startBasis).toBe('fit');
    expect(o?.callsPerWorkerToPay).toBeCloseTo(9.5 / 1.1, 9);
    expect(o?.workMsPerCallToPay).toBeCloseTo(4.7, 9);
    expect(recommendationEvidence(rec)).toContain(
      'offloading figures: work per call from the main thread one at a time, the overhead from threads/worker_threads x1 work time against it',
    );
  });

  test("under the article clock, a worker's start is the 1-worker cell's, not a fitted line", () => {
    const r = run(smallTask('module', 10, modelWork(10)), { count: 10 });
    r.config.clock = 'article';
    const [rec] = recommend(r);
    if (!rec?.ok) throw new Error(JSON.stringify(rec));
    // 1 worker: spawn 1 + 9, teardown 0.5.
    expect(rec.evidence.offload).toMatchObject({ startBasis: 'cell', startMsPerWorker: 10.5 });
    expect(rec.sentence).toContain(
      'a thread adds 0.90 ms per call to move its argument and answer and 10.5 ms to start and stop',
    );
  });

  test('the projection holds: at the calls and the work it names, the model breaks even', () => {
    const [rec] = recommend(run(smallTask('module', 10, modelWork(10)), { count: 10 }));
    const o = rec?.ok ? rec.evidence.offload : undefined;
    if (o?.callsPerWorkerToPay === undefined || o.workMsPerCallToPay === undefined) throw new Error('no projection');
    const workers = (calls: number, w: number) => 2 * o.startMsPerWorker + (calls * (w + o.overheadMsPerCall)) / 2;
    const k = o.callsPerWorkerToPay;
    expect(workers(2 * k, o.mainMsPerCall)).toBeCloseTo(2 * k * o.mainMsPerCall, 9);
    expect(workers(10, o.workMsPerCallToPay)).toBeCloseTo(10 * o.workMsPerCallToPay, 9);
  });

  test('a winner faster than one at a time (noise): the work and the calls it names agree', () => {
    // async beat sequential by 10% (3.1 against 2.8 ms a call): a cpu-bound call cannot overlap, so
    // that is noise; the sentence named 4.7 ms of work per call against the calls' threshold.
    const cells = smallTask('module', 10, modelWork(10)).map((c) =>
      c.mode === 'async' ? { ...c, samples: phases(0, 2.8 * 10, 0) } : c,
    );
    const [rec] = recommend(run(cells, { count: 10 }));
    const o = rec?.ok ? rec.evidence.offload : undefined;
    if (o?.callsPerWorkerToPay === undefined || o.workMsPerCallToPay === undefined) throw new Error('no projection');
    expect(o.wonMsPerCall).toBeCloseTo(2.8, 9);
    // At this run's own work per call, the work threshold is passed exactly when the calls one is.
    const perWorker = o.calls / o.cores;
    expect(o.mainMsPerCall >= o.workMsPerCallToPay).toBe(perWorker >= o.callsPerWorkerToPay);
    // At the work it names, the model breaks even, the main thread's time moving with the work.
    const w = o.workMsPerCallToPay;
    const main = o.calls * (o.wonMsPerCall + w - o.mainMsPerCall);
    const workers = 2 * o.startMsPerWorker + (o.calls * (w + o.overheadMsPerCall)) / 2;
    expect(workers).toBeCloseTo(main, 9);
  });

  test('noop cells and round trips: dispatch alone is shown, and is the floor of a per-call cost lost in noise', () => {
    const cells = smallTask('module', 10, modelWork(10)).map((c) =>
      // A thread at 1 worker measured faster than the main thread: noise.
      c.mode === 'threads' && c.workers === 1 ? { ...c, samples: phases(threadStart(1), 30, 0.5) } : c,
    );
    cells.push(...N.map((n) => cell('noop', 'threads', 'worker_threads', n, phases(threadStart(n), 0.5, 0.5 * n, 0))));
    const roundTrips: RoundTrip[] = [{ mode: 'threads', impl: 'worker_threads', samplesUs: [55, 60, 65] }];
    const [rec] = recommend(run(cells, { count: 10, roundTrips }));
    if (!rec?.ok) throw new Error(JSON.stringify(rec));
    expect(rec.evidence.offload?.overheadMsPerCall).toBeCloseTo(0.05, 9);
    expect(rec.sentence).toContain(
      'a thread adds 0.050 ms per call to move its argument and answer (dispatch alone 0.050 ms by noop, a bare round trip 0.060 ms) and 9.50 ms to start and stop',
    );
  });

  test('when the model says the run should have paid and it did not, it says what the workers did', () => {
    // 40 calls, 20 per worker, past the model's 8.7; but 2 threads did no better than 1 core.
    const [rec] = recommend(
      run(
        smallTask('module', 40, () => 3.1 * 40),
        { count: 40 },
      ),
    );
    if (!rec?.ok) throw new Error(JSON.stringify(rec));
    expect(rec.mode).toBe('sequential');
    // At 2 threads: (19 + 124 + 1) / 40 = 3.60 ms a call; the model: 2 * 9.5 / 40 + 4 / 2 = 2.475.
    expect(rec.sentence).toMatch(
      /; with 2 workers in parallel on 2 cores, offloading would pay from about 8\.7 calls per worker, but in this run they took 3\.60 ms per call in all against the model's 2\.4\d: they did not run in parallel as the model has them$/,
    );
  });

  test('no count pays when the overhead eats the parallel gain', () => {
    // 1 ms of work, 1.5 ms to move: two workers do a call in (1 + 1.5) / 2 > 1 ms.
    const cells = [
      cell('module', 'sequential', 'main', 1, phases(0, 100, 0)),
      ...N.map((n) =>
        cell('module', 'threads', 'worker_threads', n, phases(threadStart(n), 250 / Math.min(n, 2), 0.5 * n)),
      ),
    ];
    const [rec] = recommend(run(cells, { count: 100 }));
    if (!rec?.ok) throw new Error(JSON.stringify(rec));
    expect(rec.evidence.offload?.callsPerWorkerToPay).toBeUndefined();
    expect(rec.sentence).toMatch(
      /; on 2 cores, at this work no number of calls pays; offloading pays from about \S+ ms of work per call at this run's 50 calls per worker$/,
    );
  });

  test('one core: offloading work never pays', () => {
    const [rec] = recommend(run(smallTask('module', 10, modelWork(10)), { count: 10, cores: 1 }));
    if (!rec?.ok) throw new Error(JSON.stringify(rec));
    expect(rec.sentence).toMatch(
      /; on 1 core, moving work to a worker never pays: the worker shares that core with the main thread$/,
    );
  });

  test('fs and net on the event loop: their own words, and only CPU work beside them would pay', () => {
    // Reads of 3.1 ms one at a time, 0.4 ms each with 8 in flight.
    const cells = (['fs', 'net'] as const).flatMap((t) =>
      smallTask(t, 100, modelWork(100)).map((c) =>
        c.mode === 'async' ? { ...c, samples: phases(0, c.workers === 1 ? 310 : 310 / c.workers, 0) } : c,
      ),
    );
    const [fs, net] = recommend(run(cells, { count: 100 }));
    if (!fs?.ok || !net?.ok) throw new Error(JSON.stringify([fs, net]));
    expect(fs.sentence).toMatch(
      /^FS \(reads of a 4\.0 MiB file\): the event loop \(async\), 4 in flight, 4\.00x; the main thread wins: a read takes 3\.10 ms one at a time, 0\.78 ms overlapped on the event loop; a thread adds 0\.90 ms per read and 9\.50 ms to start and stop; the event loop already overlaps the waits: on 2 cores, offloading pays only for CPU work beside each read, from about \S+ ms of work per read at this run's 50 reads per worker$/,
    );
    expect(net.sentence).toMatch(
      /^NET \(loopback HTTP, 16\.0 KiB after 5 ms\): .*a request takes 3\.10 ms one at a time/,
    );
    expect(net.sentence).toContain('a thread adds 0.90 ms per request and');
  });

  test('io and cpu keep their words where the main thread wins; the figures are there for the page', () => {
    const cells = (['io', 'cpu'] as const).flatMap((t) => smallTask(t, 10, modelWork(10)));
    const [io, cpu] = recommend(run(cells, { count: 10 }));
    if (!io?.ok || !cpu?.ok) throw new Error(JSON.stringify([io, cpu]));
    expect(cpu.sentence).toBe('CPU: one task at a time (sequential); workers pay 9.0 ms each to start');
    expect(io.sentence).toBe('IO: one task at a time (sequential); workers pay 9.0 ms each to start');
    expect(cpu.evidence.offload?.overheadMsPerCall).toBeCloseTo(0.9, 9);
    expect(recommendationEvidence(cpu)).not.toContain('offloading');
  });
});
