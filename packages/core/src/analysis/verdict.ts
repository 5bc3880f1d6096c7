/** What an interval for a ratio of times (A / B) says about A against B. */
export type Verdict = 'faster' | 'slower' | 'equal' | 'unresolved';

/**
 * Two times within ±5% are called equal. Samples of one cell here vary by about 3% within a run,
 * and the same sweep run twice moves by a few percent more: a smaller difference is not one a
 * reader should act on, nor one a single run can pin down.
 */
export const EQUAL_MARGIN = 0.05;

/**
 * The verdict on a ratio of times A / B from its interval: 'equal' when the whole interval lies in
 * [1/(1+margin), 1+margin] (checked first: a difference inside the margin is not worth a claim, even
 * when it is resolved); 'faster' (A is) when the whole interval is below 1; 'slower' when above 1;
 * else 'unresolved': no difference shown, and no equality either.
 */
export function verdict(interval: { lo: number; hi: number }, margin = EQUAL_MARGIN): Verdict {
  if (!(margin >= 0)) throw new RangeError(`verdict(): margin must be >= 0, got ${margin}`);
  if (interval.lo >= 1 / (1 + margin) && interval.hi <= 1 + margin) return 'equal';
  if (interval.hi < 1) return 'faster';
  if (interval.lo > 1) return 'slower';
  return 'unresolved';
}
