import { type Stats, separated } from '@tvp/core';
import { describe, expect, it } from 'vitest';
import type { RunView } from '../src/payload.ts';
import { runFindings } from '../src/shared/findings.ts';
import { beyondNoise } from '../src/shared/noise.ts';
import { runtimeFindings } from '../src/shared/runtime-findings.ts';
import { toView } from '../src/view.ts';
import { type FixtureOptions, makeResult } from './fixtures.ts';

const view = (o: FixtureOptions): RunView => toView('f.msgpack', makeResult(o));
const texts = (v: RunView) => runFindings(v).map((f) => f.text);

describe('runFindings', () => {
  it('IO with cheap workers: threads and processes equally effective, near the ideal', () => {
    const t = texts(view({ runtime: 'node', spawnMs: { threads: 0.5, processes: 0.6 } }));
    expect(t).toContain('Node IO: threads and processes equally effective: 7.6x and 7.4x at 8 workers (ideal 7.7x)');
  });

  it('CPU on 2 cores: a plateau from 2 workers = 2 cores', () => {
    const t = texts(view({ runtime: 'node', cores: 2 }));
    expect(t.find((x) => x.startsWith('Node CPU on threads'))).toMatch(
      /^Node CPU on threads: plateau from 2 workers = 2 cores, at best 1\.\d\dx \(ideal at 8 workers: 2\.0x\)$/,
    );
    expect(t.find((x) => x.startsWith('Node CPU on processes'))).toMatch(/plateau from 2 workers = 2 cores/);
  });

  it('IO still growing at the top is no plateau', () => {
    const t = texts(view({ runtime: 'node' }));
    expect(t).toContain('Node IO on threads: 5.7x at 8 workers, 74% of the ideal 7.7x');
  });

  it('CPU on 8 cores scales like IO; threads and processes differ beyond the noise', () => {
    const t = texts(view({ runtime: 'bun', cores: 8 }));
    expect(t).toContain('Bun CPU on threads: 7.2x at 8 workers (ideal 7.7x)');
    expect(t).toContain('Bun CPU on processes: 6.8x at 8 workers (ideal 7.7x)');
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

  it('start cost: processes against threads, with the numbers it rests on', () => {
    const f = runFindings(view({ runtime: 'node' })).find((x) => x.topic === 'start')!;
    expect(f.text).toBe('Node processes take 2.5x longer to start than threads');
    expect(f.basis).toMatch(
      /processes \(child_process\) 11\d ms, threads \(worker_threads\) 4\d\.\d ms; 95% confidence intervals do not overlap/,
    );
  });

  it('where the time goes: named when starting workers is a large share', () => {
    const t = texts(view({ runtime: 'node' }));
    expect(
      t.some((x) =>
        /^Node IO on processes \(child_process\) at 8 workers: \d+% of the time goes to starting workers$/.test(x),
      ),
    ).toBe(true);
    expect(
      texts(view({ runtime: 'node', spawnMs: { threads: 0.5, processes: 0.6 } })).some((x) =>
        x.includes('starting workers'),
      ),
    ).toBe(false);
  });

  it('says nothing about scaling from one worker count, nor about differences from one sample', () => {
    expect(texts(view({ runtime: 'node', workers: [1] })).some((x) => /speedup|plateau|effective|x at/.test(x))).toBe(
      false,
    );
    const single = runFindings(view({ runtime: 'node', repeat: 1 }));
    expect(single.some((f) => f.topic === 'start')).toBe(false);
    expect(single.some((f) => /equally/.test(f.text))).toBe(false);
  });

  it('every finding names numbers', () => {
    for (const f of runFindings(view({ runtime: 'node' }))) expect(f.basis).toMatch(/\d+(\.\d+)? ms/);
  });
});

describe('runtimeFindings', () => {
  const node = view({ runtime: 'node', seed: 1 });
  const bun = view({ runtime: 'bun', seed: 2, speed: 0.7 });

  it('Bun against Node: start and time, only beyond the noise', () => {
    const t = runtimeFindings(node, bun).map((f) => f.text);
    expect(t).toContain("Bun threads start 13.3x faster than Node's");
    expect(t).toContain("Bun processes start 13.7x faster than Node's");
    expect(t).toContain('CPU sequential: Bun 1.45x faster than Node');
    expect(t).toContain('CPU on processes at 8 workers: Bun 2.0x faster than Node');
    expect(t).toContain('IO async, 8 in flight: Bun and Node equal within the noise');
  });

  it('the same runtime against itself is equal within the noise', () => {
    const t = runtimeFindings(node, view({ runtime: 'bun', seed: 9, spawnMs: { threads: 46, processes: 116 } })).map(
      (f) => f.text,
    );
    expect(t.find((x) => x.startsWith('IO on threads at 8 workers'))).toBe(
      'IO on threads at 8 workers: Bun and Node equal within the noise',
    );
  });

  it('no claims from single samples', () => {
    const one = (r: 'node' | 'bun') => view({ runtime: r, repeat: 1, speed: r === 'bun' ? 0.5 : 1 });
    expect(runtimeFindings(one('node'), one('bun'))).toEqual([]);
  });
});

describe('beyondNoise', () => {
  it('agrees with core separated() whenever both sides have two or more samples', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const stats = (lo: number, hi: number, n: number): Stats => ({
      n,
      mean: (lo + hi) / 2,
      median: (lo + hi) / 2,
      sd: 1,
      min: lo,
      max: hi,
      ci95: [lo, hi],
    });
    for (let i = 0; i < 500; i++) {
      const a0 = rnd() * 10;
      const b0 = rnd() * 10;
      const a = stats(a0, a0 + rnd() * 3, 2 + Math.floor(rnd() * 5));
      const b = stats(b0, b0 + rnd() * 3, 2 + Math.floor(rnd() * 5));
      expect(beyondNoise(a, b)).toBe(separated(a.ci95, b.ci95));
    }
    expect(beyondNoise(stats(1, 1, 1), stats(5, 5, 1))).toBe(false);
  });
});
