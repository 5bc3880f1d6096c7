import type { Stats } from '@tvp/core';

/**
 * True when two cells differ by more than the noise: at least two samples each and 95% confidence
 * intervals that do not overlap. The interval test is core's `separated` (stats.ts), restated
 * here because this file also runs in the browser; a test holds the two to the same answers.
 */
export function beyondNoise(a: Stats | undefined, b: Stats | undefined): boolean {
  if (!a || !b || a.n < 2 || b.n < 2) return false;
  return a.ci95[1] < b.ci95[0] || b.ci95[1] < a.ci95[0];
}
