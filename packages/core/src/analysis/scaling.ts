import type { Line, OkCell } from './lines.ts';

/** How a pool's speedup grows with workers, judged from medians against DESIGN.md's ideal. */
export type Scaling =
  | { kind: 'ideal'; top: OkCell }
  /** `peak`: the best count past 1 worker, slower than 1 worker or not. */
  | { kind: 'none'; top: OkCell; peak: OkCell }
  | { kind: 'plateau'; top: OkCell; peak: OkCell; from: OkCell }
  | { kind: 'partial'; top: OkCell };

/** At least this share of the ideal counts as scaling "like the ideal". */
export const NEAR_IDEAL = 0.8;
/** A best speedup below this is no speedup: a 15% gain is within what a busy machine varies. */
export const NO_GAIN = 1.15;
/** Within this share of the best speedup counts as having reached it: where a plateau starts. */
export const PLATEAU_SHARE = 0.9;

/**
 * Classify a line: undefined unless it has 1 worker and at least one more count (no speedup
 * claim without a baseline). `plateau` needs a flat stretch of at least a doubling of workers:
 * the best speedup (within 10%) is reached at half the largest count or before.
 */
export function scalingOf(line: Line): Scaling | undefined {
  const cells = line.cells.filter((c) => c.speedup !== undefined);
  if (cells.length < 2 || cells[0]!.workers !== 1) return undefined;
  const top = cells[cells.length - 1]!;
  const best = (cs: readonly OkCell[]) => cs.reduce((a, b) => (b.speedup! > a.speedup! ? b : a));
  const peak = best(cells);
  // No gain: quote the best of more workers, never the 1-worker cell's own 1.00x against itself.
  if (peak.speedup! < NO_GAIN) return { kind: 'none', top, peak: best(cells.slice(1)) };
  const from = cells.find((c) => c.speedup! >= PLATEAU_SHARE * peak.speedup!)!;
  if (from.workers * 2 <= top.workers) return { kind: 'plateau', top, peak, from };
  if ((top.efficiency ?? 0) >= NEAR_IDEAL) return { kind: 'ideal', top };
  return { kind: 'partial', top };
}
