import { idealSpeedup } from './stats.ts';

/** Which scalability law: Gunther's Universal Scalability Law, or Amdahl's (USL with kappa = 0). */
export type ScalabilityModel = 'usl' | 'amdahl';

/**
 * How a worker count becomes the parallelism the model sees: `count` tasks over N workers take
 * ceil(count / N) rounds, so at most count / ceil(count / N) tasks run at once on average; with
 * `capAtCores`, N is first capped at `cores` (cpu work cannot run on more cores than there are).
 */
export interface ParallelismScale {
  count: number;
  cores: number;
  capAtCores: boolean;
}

/** The effective parallelism of N workers: DESIGN.md's ideal speedup, which is exactly that. */
export function effectiveParallelism(workers: number, scale: ParallelismScale): number {
  // idealSpeedup caps at the cores for 'cpu' and not for 'io': the two cases this scale names.
  return idealSpeedup(scale.capAtCores ? 'cpu' : 'io', workers, scale.count, scale.cores) as number;
}

/**
 * The parameters in fitting order: [gamma, sigma, kappa] for USL, [gamma, sigma] for Amdahl.
 * gamma scales the curve (lambda / X(1)), so the fit is not forced through the noisy X(1) point.
 */
export type Params = readonly number[];

/** The denominator 1 + sigma (p - 1) + kappa p (p - 1) at parallelism p. */
export function uslDenominator(p: number, sigma: number, kappa: number): number {
  return 1 + sigma * (p - 1) + kappa * p * (p - 1);
}

/** Relative capacity at parallelism p: gamma p / (1 + sigma (p - 1) + kappa p (p - 1)). */
export function capacity(model: ScalabilityModel, params: Params): (p: number) => number {
  const [gamma = 1, sigma = 0, k = 0] = params;
  const kappa = model === 'usl' ? k : 0;
  return (p) => (gamma * p) / uslDenominator(p, sigma, kappa);
}

/**
 * The analytic partial derivatives of `capacity` over its parameters, in fitting order. Finite
 * differences with the library's default step (0.1) are far coarser than kappa (about 1e-4).
 */
export function capacityJacobian(model: ScalabilityModel, params: Params): (p: number) => number[] {
  const [gamma = 1, sigma = 0, k = 0] = params;
  const kappa = model === 'usl' ? k : 0;
  return (p) => {
    const d = uslDenominator(p, sigma, kappa);
    const dGamma = p / d;
    const dSigma = (-gamma * p * (p - 1)) / (d * d);
    if (model === 'amdahl') return [dGamma, dSigma];
    const dKappa = (-gamma * p * p * (p - 1)) / (d * d);
    return [dGamma, dSigma, dKappa];
  };
}
