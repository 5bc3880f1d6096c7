import type { ColorKey } from './palette.ts';

/** One series of a panel: bars (grouped by `slot` of `of`), a measured line, or a reference. */
export interface PanelSeries {
  key: ColorKey;
  label: string;
  values: (number | null)[];
  draw: 'bars' | 'line' | 'points';
  /** Position in a group of bars at one x, and the group's size. */
  slot?: { at: number; of: number };
  dash?: number[];
  /** A short name drawn on the plot at the end of a reference line. */
  tag?: string;
  /** A shaded spread around the line (an interval). */
  band?: { lo: (number | null)[]; hi: (number | null)[] };
  /**
   * Bars only: `hollow` is a light fill inside an outline of the colour, the second cue where two
   * series of one colour share a chart (a mode's warm pool beside its cold one); default `solid`.
   */
  fill?: 'solid' | 'hollow';
  /** An interval at each point, drawn as a vertical whisker in the series' colour. */
  whiskers?: { lo: (number | null)[]; hi: (number | null)[] };
}

/** One small panel: a runtime, or a pair of runtimes. */
export interface Panel {
  title: string;
  /** What the panel is of, for tests and exports: a runtime name, a pair. */
  of: string;
  series: PanelSeries[];
}

/** A figure of small panels that share their x positions and their y scale. */
export interface PanelsSpec {
  id: string;
  title: string;
  /** Ordinal x: one position per entry, labelled with it (workers); with `axes: 'loglog'` the x values themselves. */
  xs: number[];
  /**
   * `ordinal` (default): x positions 0, 1, 2, ... one per entry of `xs`, y linear from 0 (bars, worker
   * counts). `loglog`: x and y on log10 axes (sizes against costs that span decades).
   */
  axes?: 'ordinal' | 'loglog';
  /** The x ticks' labels (default: the number). */
  xFormat?: (v: number) => string;
  xLabel: string;
  yLabel: string;
  yFormat: (v: number) => string;
  /** A horizontal reference drawn on every panel (ratio 1, 100%). */
  reference?: number;
  panels: Panel[];
  /** Under the caption: which clock timed the totals, the work. */
  caption?: string;
  /** Under the figure: one line per finding. */
  notes?: HTMLElement | null;
  /** Collapsed under the figure: the numbers, the method. */
  details?: (HTMLElement | null)[];
  /** The runs drawn, written into a saved image. */
  runIds: string[];
}
