import type { Estimate } from './fit-stats.ts';

/** An ordinary least-squares line y = intercept + slope x, or the reason none was fitted. */
export type LineFit =
  | { ok: true; intercept: Estimate; slope: Estimate; rSquared: number; points: number }
  | { ok: false; reason: string };

/**
 * Ordinary least squares with the textbook standard errors: s^2 = SSR / (n - 2),
 * se(slope) = sqrt(s^2 / Sxx), se(intercept) = sqrt(s^2 (1 / n + mean(x)^2 / Sxx)).
 * Refuses fewer than 3 points (no residual left to estimate s^2), fewer than 2 distinct x, or a
 * value that is not a finite number.
 */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit {
  if (xs.length !== ys.length) throw new RangeError(`fitLine: ${xs.length} x values but ${ys.length} y values`);
  const n = xs.length;
  const bad = xs.findIndex((x, i) => !Number.isFinite(x) || !Number.isFinite(ys[i]));
  if (bad >= 0) return { ok: false, reason: `point ${bad} (${xs[bad]}, ${ys[bad]}) is not a pair of finite numbers` };
  if (n < 3) return { ok: false, reason: `${n} points; a line with standard errors needs at least 3` };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const dy = (ys[i] as number) - my;
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * dy;
    syy += dy * dy;
  });
  if (sxx === 0) return { ok: false, reason: `every point has x = ${xs[0]}; a slope needs at least 2 distinct x` };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssr = xs.reduce((sum, x, i) => sum + ((ys[i] as number) - intercept - slope * x) ** 2, 0);
  const s2 = ssr / (n - 2);
  return {
    ok: true,
    intercept: { value: intercept, se: Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)) },
    slope: { value: slope, se: Math.sqrt(s2 / sxx) },
    rSquared: syy === 0 ? 1 : 1 - ssr / syy,
    points: n,
  };
}
