import { describe, expect, test } from 'vitest';
import type { ResultFile, TaskModuleInfo } from '../format/types.ts';
import { fitText, fmtEstimate, lineText, memoryText, recommendationText } from './decision-text.ts';
import type { ScalabilityFit } from './fit.ts';
import { recommend } from './recommend.ts';

describe('fmtEstimate', () => {
  test('two significant digits of the error, at most four of the value; tiny ones in exponent form', () => {
    expect(fmtEstimate({ value: 3.0004, se: 0.0123 })).toBe('3.000 ± 0.012');
    expect(fmtEstimate({ value: 0.05, se: 1e-12 })).toBe('0.05000 ± 0.00000');
    expect(fmtEstimate({ value: 1234.5, se: 56 })).toBe('1235 ± 56');
    expect(fmtEstimate({ value: 1.2e-4, se: 3e-5 })).toBe('1.2e-4 ± 3.0e-5');
    expect(fmtEstimate({ value: 0, se: 0.16 })).toBe('0.00 ± 0.16');
    expect(fmtEstimate({ value: 2, se: 0 })).toBe('2 ± 0');
    expect(fmtEstimate({ value: 0.5, se: Number.POSITIVE_INFINITY })).toBe('0.50 ± ∞');
  });
});

describe('the words of costs and fits', () => {
  test('a line, or why there is none', () => {
    expect(
      lineText({
        ok: true,
        intercept: { value: 8.1, se: 0.52 },
        slope: { value: 3.02, se: 0.11 },
        rSquared: 0.97,
        points: 9,
      }),
    ).toBe('8.10 ± 0.52 ms + 3.02 ± 0.11 ms per worker (R² 0.97)');
    expect(lineText({ ok: false, reason: '2 points' })).toBe('no line (2 points)');
  });

  test("memory says its method, and an old file's figure says where it came from", () => {
    expect(memoryText({ bytesPerWorker: 7 * 2 ** 20, method: 'uss', cells: 12, legacy: false })).toBe(
      '7.0 MiB per worker (uss, 12 cells)',
    );
    expect(memoryText({ bytesPerWorker: 40 * 2 ** 20, method: 'rss', cells: 1, legacy: true })).toBe(
      '40.0 MiB per worker (rss, old file: rssBytesPerWorker, 1 cell)',
    );
    expect(memoryText(undefined)).toBe('not measured');
  });

  test('a fit: sigma, kappa, R², the peak and what dominates; a refusal: its reason', () => {
    const scale = { count: 100, cores: 8, capAtCores: false };
    const fit: ScalabilityFit = {
      ok: true,
      model: 'usl',
      lambda: { value: 50, se: 1 },
      sigma: { value: 0.031, se: 0.0042 },
      kappa: { value: 1.2e-4, se: 3e-5 },
      rSquared: 0.9912,
      peak: { parallelism: 88.1, throughput: 900, beyondData: true },
      dominant: 'contention',
      baseline: 50,
      scale,
      points: 8,
    };
    expect(fitText(fit)).toBe(
      'sigma 0.0310 ± 0.0042, kappa 1.2e-4 ± 3.0e-5, R² 0.991, peak N* 88 (beyond the data), contention dominates',
    );
    const { peak: _, ...noPeak } = fit;
    expect(fitText({ ...noPeak, dominant: 'none' })).toMatch(/no peak \(kappa = 0\), neither term costs 2%$/);
    expect(fitText({ ok: false, model: 'usl', reason: 'flat' })).toBe('no fit: flat');
  });

  test('no recommendation: the data cannot decide, and why', () => {
    expect(recommendationText({ ok: false, task: 'cpu', subject: 'CPU', reason: 'no ok cpu cell in this run' })).toBe(
      'CPU: the data cannot decide: no ok cpu cell in this run',
    );
    // A module is named as its sentences name it, never by its kind in capitals.
    const run = (taskModule?: TaskModuleInfo) =>
      ({
        env: { cores: 2, availableParallelism: 2 },
        config: { count: 10, tasks: ['module'], ...(taskModule ? { taskModule } : {}) },
        cells: [{ task: 'module', mode: 'threads', impl: 'wt', workers: 1, status: 'failed', samples: [] }],
      }) as unknown as ResultFile;
    const hash: TaskModuleInfo = { path: '/p/h.mjs', name: 'hash', sha256: 'a'.repeat(64), bound: 'io', checked: true };
    expect(recommend(run(hash)).map(recommendationText)).toEqual([
      'hash (module, io-bound): the data cannot decide: no ok module cell in this run',
    ]);
    expect(recommend(run()).map(recommendationText)).toEqual([
      'your module: the data cannot decide: no ok module cell in this run',
    ]);
  });
});
