import type { Cell, Impl, Mode, PayloadWay, ResultFile, WorkerMode } from '../format/types.ts';
import { fitLine, type LineFit } from './line-fit.ts';
import { medianInterval } from './median-interval.ts';
import { coldOnly } from './pools.ts';
import { median, tQuantile95 } from './stats.ts';

/** A value with its 95% interval. */
export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

/** One size of a payload series: the median cost per task over the cell's measured runs. */
export interface PayloadPoint {
  bytes: number;
  /** Median over runs of the work phase per task, µs (1 worker: the tasks ran one after another). */
  costUs: number;
  /** A distribution-free interval of that median over the runs (`medianInterval`: at most 95%, [min, max] when n <= 5). */
  lo: number;
  hi: number;
  /** The coverage [lo, hi] has. */
  coverage: number;
  runs: number;
}

/**
 * One way of moving a payload on one transport (or the main thread, `way` absent), at 1 worker:
 * its cost per task by size, and the cost of moving the bytes fitted as fixed + per byte.
 */
export interface PayloadSeries {
  mode: Mode;
  impl: Impl;
  way?: PayloadWay;
  points: PayloadPoint[];
  /**
   * Moving cost per task, µs = fixed + perByte × bytes: ordinary least squares over every measured
   * run of every size, of the run's cost per task less twice the main thread's median checksum of
   * that size (the worker's checksum and the hub's check of the returned bytes). Absent on the
   * main thread, or without a main-thread cell of each size.
   */
  fit?: LineFit;
  fixedUs?: Interval;
  perKbUs?: Interval;
}

const perTaskUs = (workMs: number, count: number) => (workMs / count) * 1000;

const interval = (value: number, se: number, df: number): Interval => {
  const h = tQuantile95(df) * se;
  return { value, lo: value - h, hi: value + h };
};

/**
 * The payload cells of a run at 1 worker, as series by mode, impl and way, sizes ascending, each
 * worker series with its fitted moving cost (see `PayloadSeries.fit`).
 */
export function payloadSeries(run: ResultFile): PayloadSeries[] {
  const r = coldOnly(run);
  const cells = r.cells.filter(
    (c): c is Cell & { payloadBytes: number } =>
      c.task === 'payload' &&
      c.workers === 1 &&
      c.status === 'ok' &&
      c.samples.length > 0 &&
      c.payloadBytes !== undefined &&
      c.mode !== 'async',
  );
  const main = new Map<number, number>();
  for (const c of cells) {
    if (c.mode === 'sequential')
      main.set(c.payloadBytes, median(c.samples.map((s) => perTaskUs(s.workMs, r.config.count))));
  }
  const groups = new Map<string, { mode: Mode; impl: Impl; way?: PayloadWay; cells: typeof cells }>();
  for (const c of cells) {
    const key = `${c.mode}\u0000${c.impl}\u0000${c.way ?? ''}`;
    const g = groups.get(key) ?? { mode: c.mode, impl: c.impl, ...(c.way ? { way: c.way } : {}), cells: [] };
    g.cells.push(c);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const sorted = g.cells.sort((a, b) => a.payloadBytes - b.payloadBytes);
    const series: PayloadSeries = {
      mode: g.mode,
      impl: g.impl,
      ...(g.way ? { way: g.way } : {}),
      points: sorted.map((c) => {
        const costs = c.samples.map((s) => perTaskUs(s.workMs, r.config.count));
        const iv = medianInterval(costs);
        return {
          bytes: c.payloadBytes,
          costUs: median(costs),
          lo: iv.lo,
          hi: iv.hi,
          coverage: iv.coverage,
          runs: c.samples.length,
        };
      }),
    };
    if (g.mode === 'sequential' || !sorted.every((c) => main.has(c.payloadBytes))) return series;
    const xs: number[] = [];
    const ys: number[] = [];
    for (const c of sorted) {
      for (const s of c.samples) {
        xs.push(c.payloadBytes);
        ys.push(perTaskUs(s.workMs, r.config.count) - 2 * (main.get(c.payloadBytes) as number));
      }
    }
    const fit = fitLine(xs, ys);
    series.fit = fit;
    if (fit.ok) {
      series.fixedUs = interval(fit.intercept.value, fit.intercept.se, fit.points - 2);
      series.perKbUs = interval(fit.slope.value * 1024, fit.slope.se * 1024, fit.points - 2);
    }
    return series;
  });
}

/** Where offloading stops paying on one worker mode: the cheapest way to move bytes there. */
export interface BreakEven {
  mode: WorkerMode;
  impl: Impl;
  way: PayloadWay;
  /** Work per KB carried below which the bytes cost more to move than the work saves, µs. */
  perKbUs: Interval;
  /** And the fixed part per task, µs. */
  fixedUs: Interval;
}

/**
 * Per worker mode, the way with the lowest fitted per-KB moving cost. Derivation: at 1 worker a
 * task's round trip adds its moving cost m(B) = fixed + perByte × B to its work; a task whose work
 * W is less than m(B) finishes sooner where it is, so offloading pays only when W > fixed +
 * perByte × B, that is at least perByte µs of work per byte carried (beyond the fixed part).
 */
export function breakEvens(series: readonly PayloadSeries[]): BreakEven[] {
  const out: BreakEven[] = [];
  for (const mode of ['threads', 'processes'] as const) {
    const best = series
      .filter((s) => s.mode === mode && s.way && s.perKbUs && s.fixedUs)
      .sort((a, b) => (a.perKbUs as Interval).value - (b.perKbUs as Interval).value)[0];
    if (best?.way && best.perKbUs && best.fixedUs) {
      out.push({ mode, impl: best.impl, way: best.way, perKbUs: best.perKbUs, fixedUs: best.fixedUs });
    }
  }
  return out;
}

const us = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/** An interval in words: "3.1 µs (2.9 to 3.3)". */
export const intervalText = (i: Interval): string => `${us(i.value)} µs (95% ${us(i.lo)} to ${us(i.hi)})`;

/** How the moving cost is fitted, in words: the heading of every list of fitted ways. */
export const MOVING_COST_BASIS =
  "moving cost per task at 1 worker = fixed + per KB (least squares over every run of every size, 95% t intervals; a run's cost less twice the main thread's checksum of its bytes: the worker's and the hub's)";

/** A fitted way's moving cost: "threads/worker_threads transfer: 143 µs (95% ...) + 0.30 µs (95% ...) per KB". */
export function movingCostLine(s: PayloadSeries & { fixedUs: Interval; perKbUs: Interval }): string {
  return `${s.mode}/${s.impl}${s.way ? ` ${s.way}` : ''}: ${intervalText(s.fixedUs)} + ${intervalText(s.perKbUs)} per KB`;
}

/** Whether a series has its moving cost fitted. */
export const isFitted = (s: PayloadSeries): s is PayloadSeries & { fixedUs: Interval; perKbUs: Interval } =>
  s.fixedUs !== undefined && s.perKbUs !== undefined;

/** The statement of where offloading stops paying, one line per worker mode. */
export function breakEvenLine(b: BreakEven): string {
  const where = b.mode === 'threads' ? 'a thread' : 'a process';
  // An interval that reaches zero or below measured no per-KB cost: say so rather than a bound below zero.
  if (b.perKbUs.lo <= 0) {
    // Wholly below zero: a task there cost less than the model's two checksums on the main thread,
    // which a reader would take for a negative cost unless told what it means.
    const why =
      b.perKbUs.hi < 0 ? `, below zero: a task there cost less than twice the main thread's checksum of its bytes` : '';
    return `moving bytes to ${where} here cost no measurable time per KB (${b.impl} ${b.way}, its cheapest way: ${intervalText(b.perKbUs)} per KB${why}); a task gains there once its work exceeds the fixed ${intervalText(b.fixedUs)} per task`;
  }
  return `a task must do at least ${intervalText(b.perKbUs)} of work per KB it carries, plus ${intervalText(b.fixedUs)} per task, to gain on ${where} here (${b.impl} ${b.way}, its cheapest way)`;
}
