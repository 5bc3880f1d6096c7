import { describe, expect, it } from 'vitest';
import { logTicks, sharedRange, spacedLabels, xAt } from '../src/client/panel-scales.ts';
import type { Panel } from '../src/client/panel-spec.ts';

const panel = (values: (number | null)[], lo?: (number | null)[], hi?: (number | null)[]): Panel => ({
  title: 't',
  of: 'node',
  series: [{ key: 'transfer', label: 'transfer', values, draw: 'line', ...(lo && hi ? { whiskers: { lo, hi } } : {}) }],
});

describe('the scales panels share', () => {
  it('ordinal: from 0 to the largest value with a margin; log-log: the whole decades every value and whisker spans', () => {
    expect(sharedRange({ panels: [panel([1, 5, null]), panel([2, 10])] })).toEqual([0, 10 * 1.06]);
    expect(
      sharedRange({ axes: 'loglog', panels: [panel([3, 400], [2.5, 380], [3.5, 1200]), panel([20, 90])] }),
    ).toEqual([1, 10_000]);
    // Nothing positive to draw on a log axis: a decade rather than NaN.
    expect(sharedRange({ axes: 'loglog', panels: [panel([null, 0])] })).toEqual([1, 10]);
  });

  it('log ticks: powers of ten, with 2 and 5 between them when the range spans under three decades', () => {
    expect(logTicks([1, 10_000])).toEqual([1, 10, 100, 1000, 10_000]);
    expect(logTicks([10, 1000])).toEqual([10, 20, 50, 100, 200, 500, 1000]);
  });

  it('x ticks on a log axis keep the first and last labels and drop one that would touch a neighbour', () => {
    // 1 KiB, 64 KiB, 1 MiB, 4 MiB at their places on a 250 px axis: 1 MiB sits too close to 4 MiB.
    expect(spacedLabels([20, 140, 215, 250], ['1 KiB', '64 KiB', '1 MiB', '4 MiB'])).toEqual([
      '1 KiB',
      '64 KiB',
      '',
      '4 MiB',
    ]);
    expect(spacedLabels([20, 110, 200, 290], ['1 KiB', '64 KiB', '1 MiB', '16 MiB'])).toEqual([
      '1 KiB',
      '64 KiB',
      '1 MiB',
      '16 MiB',
    ]);
    expect(xAt({ xs: [1024, 4096], axes: 'loglog' }, 1)).toBe(4096);
    expect(xAt({ xs: [1024, 4096] }, 1)).toBe(1);
  });
});
