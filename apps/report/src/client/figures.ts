import type { CellSummary, LinePair, RatioPoint } from '@tvp/core/analysis';
import {
  at,
  fmtMs,
  fmtPct,
  fmtX,
  fmtXRange,
  idealSpeedup,
  type Line,
  lineLabel,
  withinMargin,
} from '@tvp/core/analysis';
import { type ChartBook, type ChartLine, chartFigure } from './chart.ts';
import { colorKey, colorOf, dashAt } from './palette.ts';
import { numbersTable } from './table.ts';

/** The worker counts any of the lines has, ascending. */
const xsOf = (lines: Line[]) => [...new Set(lines.flatMap((l) => l.cells.map((c) => c.workers)))].sort((a, b) => a - b);
const along = (l: Line, xs: number[], f: (c: CellSummary) => number | undefined) =>
  xs.map((x) => {
    const c = at(l, x);
    return c ? (f(c) ?? null) : null;
  });
const cell = (v: number | undefined, f: (n: number) => string) => (v === undefined ? '' : f(v));

/** A line's colour (its mode's, or its pool library's) and dash (the k-th impl of that colour). */
function styleOf(lines: Pick<Line, 'mode' | 'impl'>[], i: number) {
  const key = colorKey(lines[i]!.mode, lines[i]!.impl);
  const k = lines.slice(0, i).filter((l) => colorKey(l.mode, l.impl) === key).length;
  const dash = dashAt(k);
  return { key, color: colorOf(key), ...(dash ? { dash } : {}) };
}

/** Median total time against workers, the min-max of the samples shaded: the article's figure. */
export function timeFigure(title: string, lines: Line[], log2: boolean, book: ChartBook): HTMLElement {
  const xs = xsOf(lines);
  const chartLines: ChartLine[] = lines.map((l, i) => ({
    label: lineLabel(l),
    ...styleOf(lines, i),
    values: along(l, xs, (c) => c.total?.median),
    band: { lo: along(l, xs, (c) => c.total?.min), hi: along(l, xs, (c) => c.total?.max) },
  }));
  const rows = xs.map((x) => [
    x,
    ...lines.map((l) => {
      const t = at(l, x)?.total;
      return t
        ? `${fmtMs(t.median)} (${fmtMs(t.medianCi.lo)}–${fmtMs(t.medianCi.hi)} @${fmtPct(t.medianCi.coverage)}, n=${t.n})`
        : '';
    }),
  ]);
  const table = numbersTable(
    'numbers: median total ms (interval of the median from order statistics @ the coverage it has, samples); the band is min-max',
    ['workers', ...lines.map(lineLabel)],
    rows,
  );
  return chartFigure({ title, xs, lines: chartLines, yLabel: 'total ms', log2, table, yFormat: fmtMs }, book);
}

/** The ideal curve of each distinct (task count, cores) among the lines' runs: never one run's for all. */
function idealsOf(lines: Line[], xs: number[]): { label: string; values: (number | null)[] }[] {
  const seen = new Map<string, { label: string; values: (number | null)[] }>();
  for (const l of lines) {
    const count = l.run.result.config.count;
    const cores = l.run.cores;
    const key = `${count}|${cores}`;
    if (seen.has(key)) continue;
    const values = xs.map((x) => idealSpeedup(l.task, x, count, cores) ?? null);
    if (values.every((v) => v === null)) continue;
    seen.set(key, { label: `ideal (${count} tasks, ${cores} cores)`, values });
  }
  return [...seen.values()];
}

/** A marker at the core count, when every line's run has the same one. */
function coresMarker(lines: Line[]): { x: number; label: string } | undefined {
  const cores = [...new Set(lines.map((l) => l.run.cores))];
  return cores.length === 1 ? { x: cores[0]!, label: `${cores[0]} cores` } : undefined;
}

const IDEAL_DASHES = [
  [6, 4],
  [2, 3],
  [10, 3, 2, 3],
];

/** Speedup against 1 worker with its 95% interval shaded, DESIGN.md's ideal per (task count, cores), a marker at the core count. */
export function speedupFigure(title: string, lines: Line[], log2: boolean, book: ChartBook): HTMLElement {
  const xs = xsOf(lines);
  const ideals = idealsOf(lines, xs);
  const chartLines: ChartLine[] = lines.map((l, i) => ({
    label: lineLabel(l),
    ...styleOf(lines, i),
    values: along(l, xs, (c) => c.speedup),
    band: { lo: along(l, xs, (c) => c.speedupCi?.lo), hi: along(l, xs, (c) => c.speedupCi?.hi) },
  }));
  for (const [i, ideal] of ideals.entries())
    chartLines.push({ ...ideal, key: 'ideal', color: colorOf('ideal'), dash: IDEAL_DASHES[i % IDEAL_DASHES.length]! });
  const withCi = (c: CellSummary | undefined) =>
    c?.speedup === undefined
      ? ''
      : `${fmtX(c.speedup)}${c.speedupCi ? ` (${fmtXRange(c.speedupCi.lo, c.speedupCi.hi)})` : ''}`;
  const rows = xs.map((x, k) => [
    x,
    ...lines.map((l) => withCi(at(l, x))),
    ...ideals.map((ideal) => cell(ideal.values[k] ?? undefined, fmtX)),
  ]);
  const table = numbersTable(
    'numbers: speedup vs 1 worker (ratio of median totals; in brackets its 95% exact bootstrap interval, within the run)',
    ['workers', ...lines.map(lineLabel), ...ideals.map((i) => i.label)],
    rows,
  );
  const marker = coresMarker(lines);
  return chartFigure(
    {
      title,
      xs,
      lines: chartLines,
      yLabel: 'speedup',
      log2,
      ...(marker ? { marker } : {}),
      table,
      yFormat: (v) => fmtX(v),
    },
    book,
  );
}

/** Efficiency: measured speedup / ideal speedup (each run's own ideal), 100% drawn as a line. */
export function efficiencyFigure(title: string, lines: Line[], log2: boolean, book: ChartBook): HTMLElement {
  const xs = xsOf(lines);
  const chartLines: ChartLine[] = lines.map((l, i) => ({
    label: lineLabel(l),
    ...styleOf(lines, i),
    values: along(l, xs, (c) => c.efficiency),
  }));
  const rows = xs.map((x) => [x, ...lines.map((l) => cell(at(l, x)?.efficiency, fmtPct))]);
  const table = numbersTable('numbers: efficiency = speedup / ideal', ['workers', ...lines.map(lineLabel)], rows);
  const marker = coresMarker(lines);
  return chartFigure(
    {
      title,
      xs,
      lines: chartLines,
      yLabel: 'efficiency',
      log2,
      ...(marker ? { marker } : {}),
      reference: 1,
      table,
      yFormat: fmtPct,
    },
    book,
  );
}

/** Where the time goes in one pool: spawn, work and teardown medians stacked per worker count. */
export function phasesFigure(title: string, line: Line, log2: boolean, book: ChartBook): HTMLElement {
  const xs = xsOf([line]);
  const spawn = along(line, xs, (c) => c.spawn?.median);
  const work = along(line, xs, (c) => c.work?.median);
  const teardown = along(line, xs, (c) => c.teardown?.median);
  const sum = (...parts: (number | null)[]) =>
    parts.some((p) => p === null) ? null : parts.reduce<number>((a, b) => a + b!, 0);
  const chartLines: ChartLine[] = [
    // Phases are no mode: three greys, dark to light, so no mode's colour means something else here.
    { label: 'spawn', color: '#4d4d4d', values: spawn, fillBelow: true },
    { label: '+ work', color: '#8c8c8c', values: xs.map((_, i) => sum(spawn[i]!, work[i]!)), fillBelow: true },
    {
      label: '+ teardown',
      color: '#c4c4c4',
      values: xs.map((_, i) => sum(spawn[i]!, work[i]!, teardown[i]!)),
      fillBelow: true,
    },
  ];
  const rows = xs.map((x, i) => [
    x,
    fmtMs(spawn[i] ?? Number.NaN),
    fmtMs(work[i] ?? Number.NaN),
    fmtMs(teardown[i] ?? Number.NaN),
    fmtMs(at(line, x)?.total.median ?? Number.NaN),
  ]);
  const table = numbersTable(
    "numbers: medians, ms (each phase's own median; they need not add up to the total's)",
    ['workers', 'spawn', 'work', 'teardown', 'total'],
    rows,
  );
  return chartFigure({ title, xs, lines: chartLines, yLabel: 'ms (stacked)', log2, table, yFormat: fmtMs }, book);
}

const VERDICT_TEXT = {
  faster: 'faster',
  slower: 'slower',
  equal: withinMargin,
  unresolved: 'no difference shown',
} as const;

/** "0.72x (0.70x–0.75x, faster)": one point of a runtime ratio with its interval and verdict. */
function pointText(q: RatioPoint): string {
  if (!q.judged) return `${fmtX(q.ratio)} (too few samples to judge)`;
  const { lo, hi } = q.judged.interval;
  return `${fmtX(q.ratio)} (${fmtXRange(lo, hi)}, ${VERDICT_TEXT[q.judged.verdict]})`;
}

/** Runtime against runtime, each ratio's 95% interval shaded: other / base median total per worker count, 1 drawn as a line. */
export function ratioFigure(title: string, pairs: LinePair[], log2: boolean, book: ChartBook): HTMLElement {
  const xs = [...new Set(pairs.flatMap((p) => p.points.map((q) => q.workers)))].sort((a, b) => a - b);
  const label = (p: LinePair) => `${lineLabel(p.other)} / ${lineLabel(p.base)}`;
  const chartLines: ChartLine[] = pairs.map((p, i) => ({
    label: label(p),
    ...styleOf(
      pairs.map((q) => q.other),
      i,
    ),
    values: xs.map((x) => p.points.find((q) => q.workers === x)?.ratio ?? null),
    band: {
      lo: xs.map((x) => p.points.find((q) => q.workers === x)?.judged?.interval.lo ?? null),
      hi: xs.map((x) => p.points.find((q) => q.workers === x)?.judged?.interval.hi ?? null),
    },
  }));
  const rows = xs.map((x) => [
    x,
    ...pairs.map((p) => {
      const q = p.points.find((r) => r.workers === x);
      return q ? pointText(q) : '';
    }),
  ]);
  const table = numbersTable(
    'numbers: ratio of median totals, 95% exact bootstrap interval and what it shows',
    ['workers', ...pairs.map(label)],
    rows,
  );
  return chartFigure(
    { title, xs, lines: chartLines, yLabel: 'time ratio', log2, reference: 1, table, yFormat: fmtX },
    book,
  );
}
