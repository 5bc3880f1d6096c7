import type { TaskKind } from '@tvp/core';
import {
  fitCurve,
  fitScalability,
  fmtEstimate,
  fmtX,
  type RunSeries,
  runSeries,
  runtimeName,
  type ScalabilityFit,
} from '@tvp/core/analysis';
import type { RunView } from '../payload.ts';
import { type ChartBook, type ChartLine, chartFigure } from './chart.ts';
import { colorKey, colorOf, dashAt } from './palette.ts';
import { numbersTable } from './table.ts';

/** At most this many points of the fitted curve between the smallest and largest count. */
const CURVE_POINTS = 64;

/** A series of a run with its USL fit. */
type UslSeries = RunSeries & { usl: ScalabilityFit };

/** A series with the run it came from. */
interface ShownSeries {
  run: RunView;
  fit: UslSeries;
}

// Fitting is the page's costliest step (bounded Levenberg-Marquardt from four starts): each run is
// fitted once, and with USL only, whatever the number of figures and redraws.
const fitted = new WeakMap<RunView['result'], UslSeries[]>();

function uslSeries(run: RunView): UslSeries[] {
  let fits = fitted.get(run.result);
  if (fits === undefined) {
    fits = runSeries(run.result).map((s) => ({ ...s, usl: fitScalability('usl', s.points, s.scale) }));
    fitted.set(run.result, fits);
  }
  return fits;
}

const seriesLabel = ({ run, fit }: ShownSeries) =>
  `${runtimeName(run.result.env.runtime)} ${fit.mode}${fit.impl === 'main' ? '' : ` (${fit.impl})`}`;

/**
 * The measured worker counts and whole counts between them (geometric steps past CURVE_POINTS):
 * the model is defined on whole workers, whose tasks split into whole rounds; at 2.5 workers it
 * would draw a step no pool can take.
 */
function grid(measured: number[]): number[] {
  const lo = measured[0]!;
  const hi = measured[measured.length - 1]!;
  const whole =
    hi - lo <= CURVE_POINTS
      ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)
      : Array.from({ length: CURVE_POINTS + 1 }, (_, i) => Math.round(lo * (hi / lo) ** (i / CURVE_POINTS)));
  return [...new Set([...measured, ...whole])].sort((a, b) => a - b);
}

/** Every series of `task` in the runs with its USL fit (core's runSeries and fitScalability). */
export function taskFits(runs: RunView[], task: TaskKind): ShownSeries[] {
  return runs.flatMap((run) => uslSeries(run).flatMap((fit) => (fit.task === task ? [{ run, fit }] : [])));
}

/** Measured throughput over throughput at 1 worker: the fit's own baseline when it has one. */
function relative(s: UslSeries): (throughput: number) => number {
  const base = s.usl.ok ? s.usl.baseline : s.points.find((p) => p.workers === 1)?.throughput;
  return (t) => (base === undefined ? Number.NaN : t / base);
}

/**
 * Work-time throughput relative to 1 worker against workers, the measured points with the USL
 * curve fitted to them (dashed), and a table of each fit's parameters or the reason it was refused.
 */
export function fitFigure(title: string, series: ShownSeries[], log2: boolean, book: ChartBook): HTMLElement | null {
  const measured = [...new Set(series.flatMap((s) => s.fit.points.map((p) => p.workers)))].sort((a, b) => a - b);
  if (measured.length === 0) return null;
  const xs = grid(measured);
  const lines: ChartLine[] = [];
  series.forEach((s, i) => {
    const key = colorKey(s.fit.mode, s.fit.impl);
    const color = colorOf(key);
    const k = series.slice(0, i).filter((o) => colorKey(o.fit.mode, o.fit.impl) === key).length;
    const rel = relative(s.fit);
    const at = new Map(s.fit.points.map((p) => [p.workers, rel(p.throughput)]));
    lines.push({
      label: `${seriesLabel(s)} measured`,
      key,
      color,
      values: xs.map((x) => at.get(x) ?? null),
      pointsOnly: true,
    });
    const usl = s.fit.usl;
    if (usl.ok) {
      const curve = new Map(fitCurve(usl, xs).map((c) => [c.workers, c.capacity]));
      lines.push({
        label: `${seriesLabel(s)} USL fit`,
        key,
        color,
        companion: true,
        values: xs.map((x) => curve.get(x) ?? null),
        dash: k === 0 ? [6, 4] : (dashAt(k) ?? [6, 4]),
        lineOnly: true,
      });
    }
  });
  const rows = series.map((s) => {
    const f = s.fit.usl;
    if (!f.ok) return [seriesLabel(s), '', '', '', '', '', `no fit: ${f.reason}`];
    const peak = f.peak
      ? `${f.peak.parallelism.toFixed(f.peak.parallelism < 10 ? 1 : 0)}${f.peak.beyondData ? ' (beyond the data)' : ''}`
      : 'none';
    return [
      seriesLabel(s),
      fmtEstimate(f.sigma),
      fmtEstimate(f.kappa),
      f.rSquared.toFixed(3),
      peak,
      f.dominant,
      `${f.points} points, ${fmtX(Math.max(...s.fit.points.map((p) => p.throughput)) / f.baseline)} best`,
    ];
  });
  const table = numbersTable(
    'USL fits: X(N)/X(1) = γN / (1 + σ(N−1) + κN(N−1)) on work-time throughput, ± one standard error; N* = where throughput peaks',
    ['series', 'σ contention', 'κ coherency', 'R²', 'peak N*', 'dominant', 'basis'],
    rows,
  );
  const fig = chartFigure(
    { title, xs, ticks: measured, lines, yLabel: 'throughput / 1 worker', log2, table, yFormat: fmtX },
    book,
  );
  fig.classList.add('fit');
  return fig;
}
