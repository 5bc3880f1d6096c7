import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import {
  capacity,
  capacityJacobian,
  effectiveParallelism,
  type ParallelismScale,
  type ScalabilityModel,
  uslDenominator,
} from './fit-model.ts';
import { type Estimate, rSquared, standardErrors, sumSquares } from './fit-stats.ts';
import { median } from './stats.ts';

/** One measured point of a series: throughput (tasks per second, work time only) at N workers. */
export interface ScalabilityPoint {
  workers: number;
  throughput: number;
}

/** Which term costs more at the largest measured N, or `none` when both cost under 2%. */
export type Dominant = 'contention' | 'coherency' | 'none';

/** A fitted law with its uncertainties. Parallelism is the model's axis: see ParallelismScale. */
export interface ScalabilityFitOk {
  ok: true;
  model: ScalabilityModel;
  /** Throughput of one worker, tasks per second: gamma times the measured throughput at 1 worker. */
  lambda: Estimate;
  /** Contention: the share of the work that does not overlap. Bounded to 0..1. */
  sigma: Estimate;
  /** Coherency: the cost each pair of workers adds. Bounded to >= 0; exactly 0 for Amdahl. */
  kappa: Estimate;
  /** 1 - SSR / SST on relative capacity, X(N) / X(1). */
  rSquared: number;
  /**
   * Where throughput peaks, N* = sqrt((1 - sigma) / kappa), when kappa > 0; in parallelism units
   * (about N while N is far below the task count). `beyondData` when past the largest measured.
   */
  peak?: { parallelism: number; throughput: number; beyondData: boolean };
  dominant: Dominant;
  /** Measured throughput at 1 worker (the median, if several points sit at 1), tasks per second. */
  baseline: number;
  /** How worker counts were turned into parallelism; fitCurve uses the same. */
  scale: ParallelismScale;
  /** Number of points fitted. */
  points: number;
}

/** A fit, or the reason none was made. */
export type ScalabilityFit = ScalabilityFitOk | { ok: false; model: ScalabilityModel; reason: string };

/** A point of the fitted curve, for drawing over the measured points. */
export interface CurvePoint {
  workers: number;
  parallelism: number;
  /** Tasks per second. */
  throughput: number;
  /** Throughput over the measured throughput at 1 worker: comparable to the work-time speedup. */
  capacity: number;
}

/** Fewer distinct worker counts than this cannot pin three parameters down and show a residual. */
export const MIN_DISTINCT_WORKERS = 5;
/** A series whose best relative capacity is below this did not scale: there is no curve to fit. */
export const MIN_BEST_CAPACITY = 1.15;
/** Below this loss against linear at the largest N (2%), neither term is said to dominate. */
export const NEGLIGIBLE_LOSS = 0.02;

const BOUNDS: Record<ScalabilityModel, { min: number[]; max: number[] }> = {
  usl: { min: [1e-9, 0, 0], max: [100, 1, 1] },
  amdahl: { min: [1e-9, 0], max: [100, 1] },
};
// Starting points besides Gunther's linearised estimate: bounded Levenberg-Marquardt can stall on
// a bound, and the best of a few starts is cheap on tens of points.
const STARTS: Record<ScalabilityModel, number[][]> = {
  usl: [
    [1, 0.01, 1e-5],
    [1, 0.1, 1e-3],
    [1, 0.5, 1e-2],
  ],
  amdahl: [
    [1, 0.01],
    [1, 0.3],
  ],
};

/**
 * Fits `model` to a series by bounded Levenberg-Marquardt (ml-levenberg-marquardt, analytic
 * Jacobian) on relative capacity X(N) / X(1) against effective parallelism. Refuses, saying why,
 * on invalid points, no point at 1 worker, fewer than 5 distinct worker counts (or parallelisms),
 * no variance, or a best relative capacity below 1.15.
 */
export function fitScalability(
  model: ScalabilityModel,
  series: readonly ScalabilityPoint[],
  scale: ParallelismScale,
): ScalabilityFit {
  checkScale(scale);
  const refuse = (reason: string): ScalabilityFit => ({ ok: false, model, reason });
  const problem = seriesProblem(series, scale);
  if (problem !== undefined) return refuse(problem);
  const baseline = median(series.filter((s) => s.workers === 1).map((s) => s.throughput));
  const xs = series.map((s) => effectiveParallelism(s.workers, scale));
  const ys = series.map((s) => s.throughput / baseline);
  const largest = Math.max(...xs);
  const solution = numericZeros(bestSolution(model, xs, ys), largest);
  const f = capacity(model, solution);
  const fitted = xs.map(f);
  const ssr = sumSquares(ys, fitted);
  const jac = capacityJacobian(model, solution);
  const se = standardErrors(
    xs.map((x) => jac(x)),
    ssr,
  );
  const [gamma = 1, sigma = 0, kappa = 0] = solution;
  const lambda = { value: gamma * baseline, se: (se[0] as number) * baseline };
  const fit: ScalabilityFitOk = {
    ok: true,
    model,
    lambda,
    sigma: { value: sigma, se: se[1] as number },
    kappa: model === 'usl' ? { value: kappa, se: se[2] as number } : { value: 0, se: 0 },
    rSquared: rSquared(ys, fitted),
    dominant: dominant(sigma, kappa, largest),
    baseline,
    scale: { ...scale },
    points: series.length,
  };
  if (kappa > 0 && sigma < 1) {
    const p = Math.sqrt((1 - sigma) / kappa);
    const throughput = (lambda.value * p) / uslDenominator(p, sigma, kappa);
    fit.peak = { parallelism: p, throughput, beyondData: p > largest };
  }
  return fit;
}

/** The fitted curve at the given worker counts (positive, not necessarily whole), mapped to parallelism as the fit was. */
export function fitCurve(fit: ScalabilityFitOk, workers: readonly number[]): CurvePoint[] {
  const params = [fit.lambda.value / fit.baseline, fit.sigma.value, fit.kappa.value];
  const f = capacity(fit.model, params);
  return workers.map((n) => {
    if (!(n > 0)) throw new RangeError(`fitCurve: worker count ${n} is not a positive number`);
    const parallelism = effectiveParallelism(n, fit.scale);
    const c = f(parallelism);
    return { workers: n, parallelism, throughput: c * fit.baseline, capacity: c };
  });
}

function checkScale(scale: ParallelismScale): void {
  if (!Number.isInteger(scale.count) || scale.count < 1)
    throw new RangeError(`scale.count must be a positive integer, got ${scale.count}`);
  if (!Number.isInteger(scale.cores) || scale.cores < 1)
    throw new RangeError(`scale.cores must be a positive integer, got ${scale.cores}`);
}

/** Why a series cannot be fitted, or undefined when it can. */
function seriesProblem(series: readonly ScalabilityPoint[], scale: ParallelismScale): string | undefined {
  for (const s of series) {
    if (!Number.isInteger(s.workers) || s.workers < 1) return `worker count ${s.workers} is not a positive integer`;
    if (!Number.isFinite(s.throughput) || s.throughput <= 0)
      return `throughput at ${s.workers} workers is ${s.throughput}, not a positive number`;
  }
  const ones = series.filter((s) => s.workers === 1);
  if (ones.length === 0) return 'no point at 1 worker to measure capacity against';
  const counts = [...new Set(series.map((s) => s.workers))].sort((a, b) => a - b);
  if (counts.length < MIN_DISTINCT_WORKERS)
    return `${counts.length} distinct worker counts (${counts.join(', ')}); a fit needs at least ${MIN_DISTINCT_WORKERS}`;
  const lanes = new Set(counts.map((n) => effectiveParallelism(n, scale)));
  if (lanes.size < MIN_DISTINCT_WORKERS) {
    const cap = scale.capAtCores ? ` (capped at ${scale.cores} cores)` : '';
    return `${lanes.size} distinct effective parallelisms from ${scale.count} tasks over ${counts.join(', ')} workers${cap}; a fit needs at least ${MIN_DISTINCT_WORKERS}`;
  }
  const throughputs = series.map((s) => s.throughput);
  if (Math.min(...throughputs) === Math.max(...throughputs)) return 'no variance: every point has the same throughput';
  const base = median(ones.map((s) => s.throughput));
  const best = Math.max(...throughputs) / base;
  if (best < MIN_BEST_CAPACITY)
    return `flat: the best throughput is ${best.toFixed(2)}x that at 1 worker, below ${MIN_BEST_CAPACITY}x; nothing scales to fit`;
  return undefined;
}

/** The lowest-SSR solution over Gunther's linearised start and a few fixed ones. */
function bestSolution(model: ScalabilityModel, xs: number[], ys: number[]): number[] {
  const { min, max } = BOUNDS[model];
  // Stop only when an improvement is below a millionth of a millionth of the data's own scale.
  const tolerance = 1e-12 * ys.reduce((s, y) => s + y * y, 0);
  let best: { params: number[]; ssr: number } | undefined;
  for (const start of [linearisedStart(model, xs, ys), ...STARTS[model]]) {
    const initialValues = start.map((v, i) => Math.min(Math.max(v, min[i] as number), max[i] as number));
    const result = levenbergMarquardt({ x: xs, y: ys }, (p) => capacity(model, p), {
      initialValues,
      minValues: min,
      maxValues: max,
      jacobianFunction: (p) => capacityJacobian(model, p),
      maxIterations: 100,
      errorTolerance: tolerance,
    });
    const ssr = sumSquares(ys, xs.map(capacity(model, result.parameterValues)));
    if (best === undefined || ssr < best.ssr) best = { params: result.parameterValues, ssr };
  }
  return (best as { params: number[] }).params;
}

/**
 * Gunther's quadratic transform: p / C - 1 = sigma (p - 1) + kappa p (p - 1), least squares
 * through the origin (kappa = 0 for Amdahl), with gamma = 1.
 */
function linearisedStart(model: ScalabilityModel, xs: number[], ys: number[]): number[] {
  const t = xs.map((p, i) => p / (ys[i] as number) - 1);
  const a = xs.map((p) => p - 1);
  const b = xs.map((p) => p * (p - 1));
  const dot = (u: number[], v: number[]) => u.reduce((s, x, i) => s + x * (v[i] as number), 0);
  if (model === 'amdahl') {
    const aa = dot(a, a);
    return [1, aa > 0 ? dot(a, t) / aa : 0];
  }
  const [aa, ab, bb, at, bt] = [dot(a, a), dot(a, b), dot(b, b), dot(a, t), dot(b, t)];
  const det = aa * bb - ab * ab;
  if (det === 0) return [1, 0, 0];
  return [1, (at * bb - bt * ab) / det, (bt * aa - at * ab) / det];
}

/**
 * Sets sigma and kappa to exactly 0 where their loss at the largest parallelism p is below 1e-9:
 * rounding leaves a kappa of 1e-19 on linear data, which would put a peak at N = 1e9.
 */
function numericZeros(params: number[], p: number): number[] {
  const [gamma = 1, sigma = 0, kappa = 0] = params;
  const s = sigma * (p - 1) < 1e-9 ? 0 : sigma;
  const k = kappa * p * (p - 1) < 1e-9 ? 0 : kappa;
  return params.length === 2 ? [gamma, s] : [gamma, s, k];
}

/** Compares sigma (p - 1) with kappa p (p - 1) at the largest measured parallelism p. */
function dominant(sigma: number, kappa: number, p: number): Dominant {
  const contention = sigma * (p - 1);
  const coherency = kappa * p * (p - 1);
  if (contention + coherency < NEGLIGIBLE_LOSS) return 'none';
  return coherency > contention ? 'coherency' : 'contention';
}
