import type { ResultFile, TaskKind } from '@tvp/core';
import { pairRuntimes, runFindings, runtimeFindings, describe as stats } from '@tvp/core/analysis';
import { describe, expect, it } from 'vitest';
import type { RunView } from '../src/payload.ts';
import { toView } from '../src/view.ts';
import { type FixtureOptions, makeResult, QUICK_BUN } from './fixtures.ts';

const view = (o: FixtureOptions): RunView => toView('f.msgpack', makeResult(o));
const texts = (v: RunView) => runFindings(v).map((f) => f.text);
const METHOD = /ratio of medians [\d.]+, 95% exact bootstrap interval [\d.]+–[\d.]+, n = \d+ and \d+/;

/** Replace one cell's total times (work time follows), to set up a case by hand. */
function setTotals(r: ResultFile, task: TaskKind, mode: string, workers: number, totals: number[]): ResultFile {
  const c = r.cells.find((x) => x.task === task && x.mode === mode && x.workers === workers)!;
  c.samples = totals.map((t) => ({ totalMs: t, spawnMs: 0.5, workMs: t - 1.5, teardownMs: 1 }));
  return r;
}

describe('runFindings', () => {
  const cheap = { runtime: 'node', spawnMs: { threads: 0.5, processes: 0.6 } } as const;

  it('IO with cheap workers: threads and processes equally effective, said with the margin and the method', () => {
    const f = runFindings(view(cheap)).find((x) => x.text.includes('equally effective'))!;
    expect(f.text).toBe(
      'Node IO: threads and processes equally effective (times equal within ±5%): 7.6x and 7.4x at 8 workers (ideal 7.7x)',
    );
    expect(f.basis).toMatch(/threads \/ processes at 8 workers: /);
    expect(f.basis).toMatch(METHOD);
  });

  it('a 10% difference of medians is not "equal", though the t intervals of the means overlap (5 samples)', () => {
    const threads = [250, 262, 265, 268, 300];
    const procs = [270, 288, 292, 296, 330];
    // The premise: the old test (95% t intervals of the means overlap) would have said "equally effective".
    const [a, b] = [stats(threads), stats(procs)];
    expect(a.ci95[1]).toBeGreaterThan(b.ci95[0]);
    expect(b.median / a.median).toBeCloseTo(1.1, 1);
    const r = makeResult(cheap);
    setTotals(r, 'io', 'threads', 8, threads);
    setTotals(r, 'io', 'processes', 8, procs);
    const t = runFindings(toView('f.msgpack', r)).map((x) => x.text);
    const io = t.filter((x) => x.startsWith('Node IO'));
    expect(io.some((x) => /equal/.test(x))).toBe(false);
    expect(io).toContain('Node IO at 8 workers: no difference shown between threads and processes (n = 5 and 5)');
  });

  it('two modes within 1% with tight samples are equal within ±5%', () => {
    const r = makeResult(cheap);
    setTotals(r, 'io', 'threads', 8, [260, 260.5, 261, 261.5, 262]);
    setTotals(r, 'io', 'processes', 8, [262.6, 263.1, 263.6, 264.1, 264.6]);
    const f = runFindings(toView('f.msgpack', r)).find((x) => x.text.startsWith('Node IO: threads and processes'))!;
    expect(f.text).toMatch(/^Node IO: threads and processes equally effective \(times equal within ±5%\)/);
    expect(f.basis).toMatch(/ratio of medians 0\.99\d, 95% exact bootstrap interval 0\.98\d–0\.99\d, n = 5 and 5/);
  });

  it('CPU on 2 cores: a plateau from 2 workers = 2 cores; the speedup quoted has its interval in the basis', () => {
    const all = runFindings(view({ runtime: 'node', cores: 2 }));
    const f = all.find((x) => x.text.startsWith('Node CPU on threads'))!;
    expect(f.text).toMatch(
      /^Node CPU on threads: plateau from 2 workers = 2 cores, at best (\d\.\d+)x \(ideal at 8 workers: 2\.0x\)$/,
    );
    const best = /at best (\d\.\d+)x/.exec(f.text)![1];
    expect(f.basis).toMatch(
      new RegExp(`speedup ${best}x at \\d workers = ratio of medians at 1 and \\d, 95% exact bootstrap interval`),
    );
    expect(all.find((x) => x.text.startsWith('Node CPU on processes'))!.text).toMatch(
      /plateau from 2 workers = 2 cores/,
    );
  });

  it('IO still growing at the top is no plateau', () => {
    expect(texts(view({ runtime: 'node' }))).toContain('Node IO on threads: 5.7x at 8 workers, 74% of the ideal 7.7x');
  });

  it('CPU on 8 cores scales like IO; threads faster than processes, with the interval', () => {
    const t = texts(view({ runtime: 'bun', cores: 8 }));
    expect(t).toContain('Bun CPU on threads: 7.2x at 8 workers (ideal 7.7x)');
    expect(t).toContain('Bun CPU on processes: 6.8x at 8 workers (ideal 7.7x)');
    expect(t).toContain('Bun CPU at 8 workers: threads 1.06x faster than processes (95% interval 1.04–1.10x)');
    expect(t.some((x) => x.includes('plateau'))).toBe(false);
  });

  it('the event loop alone: IO overlaps, CPU does not', () => {
    const t = texts(view({ runtime: 'node' }));
    expect(t).toContain(
      'Node IO on the event loop alone (async, no workers): 7.7x with 8 tasks in flight (ideal 7.7x)',
    );
    expect(t.find((x) => x.startsWith('Node CPU on the event loop alone'))).toMatch(
      /no speedup, at best 1\.0\dx: one thread does all the work/,
    );
  });

  it('the event loop "speeding up" CPU work (a slow first cell on a busy machine): said to be noise, not an ideal', () => {
    const r = makeResult({ runtime: 'node' });
    const one = r.cells.find((c) => c.task === 'cpu' && c.mode === 'async' && c.workers === 1)!;
    const two = r.cells.find((c) => c.task === 'cpu' && c.mode === 'async' && c.workers === 2)!;
    const base = two.samples.map((x) => x.totalMs);
    setTotals(
      r,
      'cpu',
      'async',
      1,
      base.map((t) => t * 2.8),
    );
    expect(one.samples).toHaveLength(base.length);
    const t = texts(toView('f.msgpack', r));
    // Led by what the run shows, not by the figure.
    // Its interval lies above 1: a difference, but not a gain one thread could make.
    expect(t.find((x) => x.startsWith('Node CPU on the event loop alone'))).toMatch(
      /: no gain from more in flight: 2\.\dx \(95% interval (1\.[1-9]|[2-9])[\d.]*–[\d.]+x\) with \d+ tasks in flight, but one thread cannot speed up CPU work: that is other load or warm-up$/,
    );
  });

  it('start cost: processes against threads, a ratio with its interval and method', () => {
    const f = runFindings(view({ runtime: 'node' })).find((x) => x.topic === 'start')!;
    expect(f.text).toMatch(
      /^Node processes take 2\.5x longer to start than threads \(95% interval 2\.\d\d–2\.\d\dx\)$/,
    );
    expect(f.basis).toMatch(
      /processes \(child_process\) 11\d ms, threads \(worker_threads\) 4\d\.\d ms; processes \/ threads: /,
    );
    expect(f.basis).toMatch(METHOD);
  });

  it('where the time goes: named when starting workers is a large share', () => {
    const t = texts(view({ runtime: 'node' }));
    expect(
      t.some((x) =>
        /^Node IO on processes \(child_process\) at 8 workers: \d+% of the time goes to starting workers$/.test(x),
      ),
    ).toBe(true);
    expect(texts(view(cheap)).some((x) => x.includes('starting workers'))).toBe(false);
  });

  it('says nothing about scaling from one worker count, nor about differences from one sample', () => {
    expect(texts(view({ runtime: 'node', workers: [1] })).some((x) => /speedup|plateau|effective|x at/.test(x))).toBe(
      false,
    );
    const single = runFindings(view({ runtime: 'node', repeat: 1 }));
    expect(single.some((f) => f.topic === 'start')).toBe(false);
    expect(single.some((f) => /equal|faster|no difference/.test(f.text))).toBe(false);
  });

  it('every finding names numbers, and every ratio its method', () => {
    for (const f of runFindings(view({ runtime: 'node' }))) {
      expect(f.basis).toMatch(/\d+(\.\d+)? ms/);
      if (/faster|slower|equal|no difference|longer/.test(f.text)) expect(f.basis).toMatch(METHOD);
    }
  });
});

describe('runtimeFindings', () => {
  const node = view({ runtime: 'node', seed: 1 });
  const bun = view({ runtime: 'bun', seed: 2, speed: 0.7 });

  it('Bun against Node: every ratio with its interval, verdict and method', () => {
    const all = runtimeFindings(node, bun);
    const t = all.map((f) => f.text);
    expect(t).toContain('threads start: Bun 13.3x faster than Node (95% interval 13.1–13.6x)');
    expect(t).toContain('processes start: Bun 13.7x faster than Node (95% interval 13.4–14.3x)');
    expect(t).toContain('CPU sequential: Bun 1.45x faster than Node (95% interval 1.39–1.50x)');
    expect(t).toContain('CPU on processes at 8 workers: Bun 2.0x faster than Node (95% interval 1.94–2.04x)');
    expect(t).toContain('IO async, 8 in flight: Bun and Node equal within ±5%');
    for (const f of all) {
      expect(f.text).not.toMatch(/within the noise/);
      expect(f.basis).toMatch(METHOD);
      expect(f.basis).toMatch(/rests on one run per runtime: drift between runs is not measured$/);
    }
  });

  it('the same runtime against itself is equal within ±5%', () => {
    const t = runtimeFindings(node, view({ runtime: 'bun', seed: 9, spawnMs: { threads: 46, processes: 116 } })).map(
      (f) => f.text,
    );
    expect(t.find((x) => x.startsWith('IO on threads at 8 workers'))).toBe(
      'IO on threads at 8 workers: Bun and Node equal within ±5%',
    );
  });

  it('no claims from single samples', () => {
    const one = (r: 'node' | 'bun') => view({ runtime: r, repeat: 1, speed: r === 'bun' ? 0.5 : 1 });
    expect(runtimeFindings(one('node'), one('bun'))).toEqual([]);
  });

  it('a Node default run and a Bun quick run on one machine: not compared, and the reasons said', () => {
    const quick = view({ ...QUICK_BUN, workers: [...QUICK_BUN.workers] });
    const all = runtimeFindings(node, quick);
    expect(all).toHaveLength(1);
    expect(all.some((f) => /faster|slower|equal|x\b/.test(f.text))).toBe(false);
    expect(all[0]!.text).toBe(
      'Bun and Node runs cannot be compared: count 20 vs 100; ioMs 10 vs 20; cpuIters 2,000,000 vs 6,000,000 (Bun vs Node)',
    );
    // What the page draws from: no pairs, the reasons per task.
    expect(pairRuntimes(node, quick, 'cpu')).toEqual({
      ok: false,
      reasons: ['count 20 vs 100', 'cpuIters 2,000,000 vs 6,000,000'],
    });
    expect(pairRuntimes(node, quick, 'io')).toEqual({ ok: false, reasons: ['count 20 vs 100', 'ioMs 10 vs 20'] });
  });

  it('only the task whose work differs is left out; a fault or another machine leaves out the run', () => {
    const cpuOnly = runtimeFindings(node, view({ runtime: 'bun', seed: 2, cpuIters: 2_000_000 }));
    expect(cpuOnly[0]!.text).toBe(
      'Bun and Node runs cannot be compared on CPU: cpuIters 2,000,000 vs 6,000,000 (Bun vs Node)',
    );
    expect(cpuOnly.some((f) => f.text.startsWith('IO on threads at 8 workers: Bun'))).toBe(true);
    expect(cpuOnly.some((f) => f.text.startsWith('CPU on'))).toBe(false);

    const faulty = makeResult({ runtime: 'bun', seed: 2 });
    faulty.config.fault = 'throw';
    expect(runtimeFindings(node, toView('f.msgpack', faulty)).map((f) => f.text)).toEqual([
      'Bun and Node runs cannot be compared: fault injected in Bun (throw) (Bun vs Node)',
    ]);
    expect(runtimeFindings(node, view({ runtime: 'bun', seed: 2, label: 'vm' }))[0]!.text).toBe(
      'Bun and Node runs cannot be compared: label vm vs ci-box (Bun vs Node)',
    );
  });

  it('a batch of rounds per runtime: the ratio rests on every round, per-run medians as units', () => {
    const rounds = (runtime: 'node' | 'bun', speed: number) =>
      [1, 2, 3].map((round) =>
        makeResult({
          runtime,
          speed,
          seed: round * 10 + (runtime === 'bun' ? 1 : 0),
          id: `${runtime}-${round}`,
          batch: { id: 'bench-1', round, rounds: 3 },
        }),
      );
    const pool = [...rounds('node', 1), ...rounds('bun', 0.7)];
    const [n1, b1] = [pool[0]!, pool[3]!];
    const all = runtimeFindings(toView('n', n1), toView('b', b1), pool);
    const f = all.find((x) => x.text.startsWith('CPU sequential'))!;
    expect(f.text).toMatch(/^CPU sequential: Bun 1\.4\dx faster than Node \(95% interval 1\.\d\d–1\.\d\dx\)$/);
    expect(f.basis).toMatch(/n = 3 and 3; 3 runs per runtime \(each run's median is one unit\)$/);
    // Without the other rounds at hand, one run per runtime, and the basis says what that leaves out.
    expect(
      runtimeFindings(toView('n', n1), toView('b', b1)).find((x) => x.text.startsWith('CPU sequential'))!.basis,
    ).toMatch(/n = 5 and 5; rests on one run per runtime: drift between runs is not measured$/);
  });
});
