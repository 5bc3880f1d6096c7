import type { PanelsSpec } from './panel-spec.ts';

/** The y range every panel shares: from 0 to the largest value, or on log axes the decades the values span. */
export function sharedRange(spec: Pick<PanelsSpec, 'panels' | 'reference' | 'axes'>): [number, number] {
  let max = spec.reference ?? 0;
  let min = Number.POSITIVE_INFINITY;
  for (const p of spec.panels)
    for (const s of p.series)
      for (const list of [s.values, s.band?.hi, s.band?.lo, s.whiskers?.hi, s.whiskers?.lo])
        for (const v of list ?? []) {
          if (v === null || !(v > 0)) continue;
          if (v > max) max = v;
          if (v < min) min = v;
        }
  if (spec.axes !== 'loglog') return [0, max * 1.06 || 1];
  if (!Number.isFinite(min)) return [1, 10];
  // Whole decades, so that the ticks (powers of ten) sit at both ends.
  return [10 ** Math.floor(Math.log10(min)), 10 ** Math.ceil(Math.log10(max * 1.0001))];
}

/** The y ticks of log axes: each power of ten in the range, and 2 and 5 times it when the range spans less than three decades. */
export function logTicks([lo, hi]: [number, number]): number[] {
  const out: number[] = [];
  const decades = Math.log10(hi / lo);
  const steps = decades < 3 ? [1, 2, 5] : [1];
  for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++)
    for (const m of steps) {
      const v = m * 10 ** p;
      if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
    }
  return out;
}

/** The x value of the i-th position: the entry itself on log axes, else its index. */
export const xAt = (spec: Pick<PanelsSpec, 'xs' | 'axes'>, i: number): number =>
  spec.axes === 'loglog' ? (spec.xs[i] as number) : i;

/**
 * Labels of log x ticks at positions `at` (px): the first and the last always (where the axis
 * starts and ends), one between them only where it does not touch a label kept beside it (two
 * sizes close on the axis); a left-out label is ''.
 */
export function spacedLabels(at: number[], labels: string[]): string[] {
  // ~7 px a character at 12 px: half of each label's width, and a gap.
  const room = (i: number, j: number) => ((labels[i]!.length + labels[j]!.length) * 7) / 2 + 6;
  const last = labels.length - 1;
  let kept = 0;
  return labels.map((label, i) => {
    if (i === 0 || i === last || label === '') return label;
    if (at[i]! - at[kept]! < room(i, kept) || at[last]! - at[i]! < room(i, last)) return '';
    kept = i;
    return label;
  });
}
