import { describe, expect, test } from 'vitest';
import { fitCurve, fitScalability, type ScalabilityFit, type ScalabilityFitOk, type ScalabilityPoint } from './fit.ts';
import { capacity, capacityJacobian, effectiveParallelism, type ParallelismScale } from './fit-model.ts';
import { gaussian } from './prng.fixture.ts';

const IO_SCALE: ParallelismScale = { count: 100, cores: 2, capAtCores: false };
const LAMBDA = 50; // tasks per second of one worker

/** X(N) = lambda p / (1 + sigma (p - 1) + kappa p (p - 1)) times (1 + noise z), z standard normal. */
function uslSeries(sigma: number, kappa: number, workers: number[], noise = 0, seed = 1): ScalabilityPoint[] {
  const z = gaussian(seed);
  return workers.map((n) => {
    const p = effectiveParallelism(n, IO_SCALE);
    return { workers: n, throughput: capacity('usl', [LAMBDA, sigma, kappa])(p) * (1 + noise * z()) };
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function ok(fit: ScalabilityFit): ScalabilityFitOk {
  if (!fit.ok) throw new Error(`expected a fit, got the refusal: ${fit.reason}`);
  return fit;
}

describe('the analytic Jacobian', () => {
  test.each([
    ['usl', [1.1, 0.05, 1e-4]],
    ['usl', [0.9, 0.3, 2e-2]],
    ['amdahl', [1, 0.2]],
  ] as const)('%s %j matches central differences', (model, params) => {
    const jac = capacityJacobian(model, params);
    for (const p of [1, 2, 7.69, 33.3, 50]) {
      params.forEach((v, i) => {
        const h = Math.max(Math.abs(v) * 1e-6, 1e-12);
        const up = params.map((x, j) => (j === i ? x + h : x));
        const down = params.map((x, j) => (j === i ? x - h : x));
        const numeric = (capacity(model, up)(p) - capacity(model, down)(p)) / (2 * h);
        // Relative: d/dkappa is in the thousands, d/dgamma near 1.
        expect(Math.abs((jac(p)[i] as number) - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
      });
    }
  });
});

describe('fitScalability recovers known parameters', () => {
  // sigma 0.05, kappa 1e-4 (true peak at sqrt(0.95 / 1e-4) = 97.5), 2% noise, N = 1..64 over 100
  // tasks, five seeds. Tolerance: every parameter within 3 of its standard errors, and besides
  // sigma within 0.01, kappa within 1e-4, lambda within 5%.
  test.each([1, 2, 3, 4, 5])('USL, 2%% noise, seed %i', (seed) => {
    const fit = ok(fitScalability('usl', uslSeries(0.05, 1e-4, range(1, 64), 0.02, seed), IO_SCALE));
    expect(Math.abs(fit.sigma.value - 0.05)).toBeLessThan(Math.min(3 * fit.sigma.se, 0.01));
    expect(Math.abs(fit.kappa.value - 1e-4)).toBeLessThan(Math.min(3 * fit.kappa.se, 1e-4));
    expect(Math.abs(fit.lambda.value - LAMBDA)).toBeLessThan(Math.min(3 * fit.lambda.se, 0.05 * LAMBDA));
    expect(fit.rSquared).toBeGreaterThan(0.99);
    expect(fit.peak?.parallelism).toBeGreaterThan(60);
    expect(fit.peak?.parallelism).toBeLessThan(150);
    expect(fit.peak?.beyondData).toBe(true); // the largest measured parallelism is 50
    // At p = 50 (64 workers over 100 tasks), contention costs 2.45 and coherency 0.245.
    expect(fit.dominant).toBe('contention');
    expect(fit.points).toBe(64);
  });

  test.each([1, 2, 3])('seed %i: the solution is a least-squares optimum (the gradient vanishes)', (seed) => {
    // With the library's default finite differences instead of the analytic Jacobian, the same
    // fits stop where this scaled gradient is about 0.1: near the truth, but not at the optimum.
    const series = uslSeries(0.05, 1e-4, range(1, 64), 0.02, seed);
    const fit = ok(fitScalability('usl', series, IO_SCALE));
    const params = [fit.lambda.value / fit.baseline, fit.sigma.value, fit.kappa.value];
    const f = capacity('usl', params);
    const jac = capacityJacobian('usl', params);
    const ses = [fit.lambda.se / fit.baseline, fit.sigma.se, fit.kappa.se];
    ses.forEach((se, k) => {
      const gradient = series.reduce((sum, s) => {
        const p = effectiveParallelism(s.workers, IO_SCALE);
        return sum + (s.throughput / fit.baseline - f(p)) * (jac(p)[k] as number);
      }, 0);
      expect(Math.abs(gradient * se)).toBeLessThan(1e-4);
    });
  });

  test('the peak and its throughput follow from the fitted parameters', () => {
    const fit = ok(fitScalability('usl', uslSeries(0.05, 1e-4, range(1, 64), 0.02), IO_SCALE));
    const p = Math.sqrt((1 - fit.sigma.value) / fit.kappa.value);
    expect(fit.peak?.parallelism).toBeCloseTo(p, 9);
    const d = 1 + fit.sigma.value * (p - 1) + fit.kappa.value * p * (p - 1);
    expect(fit.peak?.throughput).toBeCloseTo((fit.lambda.value * p) / d, 9);
  });

  test('coherency dominates when kappa p outweighs sigma at the largest N', () => {
    const fit = ok(fitScalability('usl', uslSeries(0.001, 2e-3, range(1, 32), 0.01), IO_SCALE));
    expect(fit.dominant).toBe('coherency');
    expect(fit.peak?.parallelism).toBeGreaterThan(18);
    expect(fit.peak?.parallelism).toBeLessThan(26); // true: sqrt(0.999 / 2e-3) = 22.3
    expect(fit.peak?.beyondData).toBe(false);
  });

  test('noisy (10%): still a fit, the truth inside 3 standard errors, and the errors say it is worse', () => {
    const clean = ok(fitScalability('usl', uslSeries(0.05, 1e-4, range(1, 64), 0.02, 7), IO_SCALE));
    const noisy = ok(fitScalability('usl', uslSeries(0.05, 1e-4, range(1, 64), 0.1, 7), IO_SCALE));
    expect(Math.abs(noisy.sigma.value - 0.05)).toBeLessThan(3 * noisy.sigma.se);
    expect(Math.abs(noisy.kappa.value - 1e-4)).toBeLessThan(3 * noisy.kappa.se);
    expect(noisy.sigma.se).toBeGreaterThan(3 * clean.sigma.se);
    expect(noisy.kappa.se).toBeGreaterThan(3 * clean.kappa.se);
    expect(noisy.rSquared).toBeLessThan(0.95);
    expect(noisy.rSquared).toBeLessThan(clean.rSquared);
  });

  test('perfectly linear: sigma and kappa zero, no peak, nothing dominates, R squared 1', () => {
    const fit = ok(fitScalability('usl', uslSeries(0, 0, range(1, 16)), IO_SCALE));
    expect(fit.sigma.value).toBeLessThan(1e-9);
    expect(fit.kappa.value).toBeLessThan(1e-12);
    expect(fit.lambda.value).toBeCloseTo(LAMBDA, 6);
    expect(fit.peak).toBeUndefined();
    expect(fit.dominant).toBe('none');
    expect(fit.rSquared).toBeCloseTo(1, 12);
  });

  test('Amdahl-only data: Amdahl recovers sigma, USL finds no coherency it can tell from zero', () => {
    const series = uslSeries(0.1, 0, range(1, 32), 0.02, 3);
    const amdahl = ok(fitScalability('amdahl', series, IO_SCALE));
    expect(Math.abs(amdahl.sigma.value - 0.1)).toBeLessThan(Math.min(3 * amdahl.sigma.se, 0.01));
    expect(amdahl.kappa).toEqual({ value: 0, se: 0 });
    expect(amdahl.peak).toBeUndefined();
    expect(amdahl.dominant).toBe('contention');
    const usl = ok(fitScalability('usl', series, IO_SCALE));
    expect(usl.kappa.value).toBeLessThan(3 * usl.kappa.se);
    expect(Math.abs(usl.sigma.value - 0.1)).toBeLessThan(3 * usl.sigma.se);
    expect(usl.dominant).toBe('contention');
    // The extra parameter buys almost nothing.
    expect(usl.rSquared - amdahl.rSquared).toBeLessThan(0.005);
  });

  test('parallelism is count / ceil(count / N): fitting raw N to 100-task data distorts sigma', () => {
    const series = uslSeries(0.05, 1e-4, range(1, 64), 0.02, 2);
    const right = ok(fitScalability('usl', series, IO_SCALE));
    // With a huge count, parallelism is N itself: the plateaus of 100 tasks look like contention.
    const naive = ok(fitScalability('usl', series, { ...IO_SCALE, count: 1_000_000 }));
    expect(Math.abs(right.sigma.value - 0.05)).toBeLessThan(0.01);
    expect(naive.rSquared).toBeLessThan(right.rSquared);
  });
});

describe('fitScalability refuses, saying why', () => {
  test('a flat series (best relative capacity below 1.15)', () => {
    const flat = range(1, 8).map((n) => ({ workers: n, throughput: 100 * (1 + 0.01 * (n % 3)) }));
    const fit = fitScalability('usl', flat, IO_SCALE);
    expect(fit).toEqual({
      ok: false,
      model: 'usl',
      reason: expect.stringMatching(/flat: .*1\.01x that at 1 worker, below 1\.15x/),
    });
  });

  test('a series with no variance', () => {
    const same = range(1, 8).map((n) => ({ workers: n, throughput: 100 }));
    const fit = fitScalability('amdahl', same, IO_SCALE);
    expect(fit.ok).toBe(false);
    expect(!fit.ok && fit.reason).toMatch(/no variance/);
  });

  test('fewer than 5 distinct worker counts', () => {
    const fit = fitScalability('usl', uslSeries(0.05, 1e-4, [1, 2, 4, 8, 8]), IO_SCALE);
    expect(!fit.ok && fit.reason).toBe('4 distinct worker counts (1, 2, 4, 8); a fit needs at least 5');
  });

  test('cpu capped at 2 cores: 8 worker counts but only 2 distinct parallelisms', () => {
    const fit = fitScalability('usl', uslSeries(0, 0, range(1, 8)), { ...IO_SCALE, capAtCores: true });
    expect(!fit.ok && fit.reason).toMatch(/2 distinct effective parallelisms .* \(capped at 2 cores\)/);
  });

  test('no point at 1 worker, and a point that is not a throughput', () => {
    const noOne = fitScalability('usl', uslSeries(0.05, 1e-4, range(2, 9)), IO_SCALE);
    expect(!noOne.ok && noOne.reason).toMatch(/no point at 1 worker/);
    const bad = [...uslSeries(0.05, 1e-4, range(1, 8)), { workers: 9, throughput: Number.POSITIVE_INFINITY }];
    const refused = fitScalability('usl', bad, IO_SCALE);
    expect(!refused.ok && refused.reason).toBe('throughput at 9 workers is Infinity, not a positive number');
  });

  test('a scale that is not one throws, naming the field', () => {
    const series = uslSeries(0.05, 1e-4, range(1, 8));
    expect(() => fitScalability('usl', series, { ...IO_SCALE, count: 0 })).toThrow(/scale\.count .* got 0/);
    expect(() => fitScalability('usl', series, { ...IO_SCALE, cores: 1.5 })).toThrow(/scale\.cores .* got 1\.5/);
  });
});

describe('fitCurve', () => {
  test('gives the fitted model at the asked worker counts, through the same parallelism', () => {
    const fit = ok(fitScalability('usl', uslSeries(0.05, 1e-4, range(1, 64), 0.02, 4), IO_SCALE));
    const curve = fitCurve(fit, [1, 8, 64]);
    const f = capacity('usl', [fit.lambda.value, fit.sigma.value, fit.kappa.value]);
    expect(curve.map((c) => c.parallelism)).toEqual([1, 100 / 13, 50]);
    curve.forEach((c) => {
      expect(c.throughput).toBeCloseTo(f(c.parallelism), 9);
      expect(c.capacity).toBeCloseTo(c.throughput / fit.baseline, 12);
    });
  });

  test('refuses a worker count that is not positive', () => {
    const fit = ok(fitScalability('usl', uslSeries(0, 0, range(1, 16)), IO_SCALE));
    expect(() => fitCurve(fit, [1, 0])).toThrow('fitCurve: worker count 0 is not a positive number');
  });

  test('on perfectly linear data the curve is the parallelism itself', () => {
    const fit = ok(fitScalability('usl', uslSeries(0, 0, range(1, 16)), IO_SCALE));
    for (const c of fitCurve(fit, [1, 3, 16])) expect(c.capacity).toBeCloseTo(c.parallelism, 6);
  });
});
