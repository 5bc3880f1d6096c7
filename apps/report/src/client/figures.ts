import type { CellSummary } from '@tvp/core';
import type { RunView } from '../payload.ts';
import { at, type Line, lineLabel } from '../shared/cells.ts';
import type { LinePair } from '../shared/compare.ts';
import { fmtMs, fmtPct, fmtX } from '../shared/format.ts';
import { type ChartBook, type ChartLine, chartFigure } from './chart.ts';
import { colorAt } from './palette.ts';
import { numbersTable } from './table.ts';

/** The worker counts any of the lines has, ascending. */
const xsOf = (lines: Line[]) => [...new Set(lines.flatMap((l) => l.cells.map((c) => c.workers)))].sort((a, b) => a - b);
const along = (l: Line, xs: number[], f: (c: CellSummary) => number | undefined) =>
  xs.map((x) => {
    const c = at(l, x);
    return c ? (f(c) ?? null) : null;
  });
const cell = (v: number | undefined, f: (n: number) => string) => (v === undefined ? '' : f(v));

/** Median total time against workers, the min-max of the samples shaded: the article's figure. */
export function timeFigure(title: string, lines: Line[], log2: boolean, book: ChartBook): HTMLElement {
  const xs = xsOf(lines);
  const chartLines: ChartLine[] = lines.map((l, i) => ({
    label: lineLabel(l),
    color: colorAt(i),
    values: along(l, xs, (c) => c.total?.median),
    band: { lo: along(l, xs, (c) => c.total?.min), hi: along(l, xs, (c) => c.total?.max) },
  }));
  const rows = xs.map((x) => [
    x,
    ...lines.map((l) => {
      const t = at(l, x)?.total;
      return t ? `${fmtMs(t.median)} (${fmtMs(t.min)}-${fmtMs(t.max)}, n=${t.n})` : '';
    }),
  ]);
  const table = numbersTable('numbers: median total ms (min-max, samples)', ['workers', ...lines.map(lineLabel)], rows);
  return chartFigure({ title, xs, lines: chartLines, yLabel: 'total ms', log2, table, yFormat: fmtMs }, book);
}

/** Speedup against 1 worker, with DESIGN.md's ideal and a marker at the core count. */
export function speedupFigure(title: string, lines: Line[], run: RunView, log2: boolean, book: ChartBook): HTMLElement {
  const xs = xsOf(lines);
  const withIdeal = lines.find((l) => l.cells.some((c) => c.ideal !== undefined));
  const chartLines: ChartLine[] = lines.map((l, i) => ({
    label: lineLabel(l),
    color: colorAt(i),
    values: along(l, xs, (c) => c.speedup),
  }));
  if (withIdeal) {
    const ideal = xs.map((x) => lines.map((l) => at(l, x)?.ideal).find((v) => v !== undefined) ?? null);
    chartLines.push({
      label: `ideal (${run.result.config.count} tasks, ${run.cores} cores)`,
      color: '#222',
      values: ideal,
      dash: [6, 4],
    });
  }
  const rows = xs.map((x) => [
    x,
    ...lines.map((l) => cell(at(l, x)?.speedup, fmtX)),
    cell(
      lines.map((l) => at(l, x)?.ideal).find((v) => v !== undefined),
      fmtX,
    ),
  ]);
  const table = numbersTable(
    'numbers: speedup vs 1 worker (median total)',
    ['workers', ...lines.map(lineLabel), 'ideal'],
    rows,
  );
  const marker = { x: run.cores, label: `${run.cores} cores` };
  return chartFigure(
    { title, xs, lines: chartLines, yLabel: 'speedup', log2, marker, table, yFormat: (v) => fmtX(v) },
    book,
  );
}

/** Efficiency: measured speedup / ideal speedup, 100% drawn as a line. */
export function efficiencyFigure(
  title: string,
  lines: Line[],
  run: RunView,
  log2: boolean,
  book: ChartBook,
): HTMLElement {
  const xs = xsOf(lines);
  const chartLines: ChartLine[] = lines.map((l, i) => ({
    label: lineLabel(l),
    color: colorAt(i),
    values: along(l, xs, (c) => c.efficiency),
  }));
  const rows = xs.map((x) => [x, ...lines.map((l) => cell(at(l, x)?.efficiency, fmtPct))]);
  const table = numbersTable('numbers: efficiency = speedup / ideal', ['workers', ...lines.map(lineLabel)], rows);
  const marker = { x: run.cores, label: `${run.cores} cores` };
  return chartFigure(
    { title, xs, lines: chartLines, yLabel: 'efficiency', log2, marker, reference: 1, table, yFormat: fmtPct },
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
    { label: 'spawn', color: '#d55e00', values: spawn, fillBelow: true },
    { label: '+ work', color: '#0072b2', values: xs.map((_, i) => sum(spawn[i]!, work[i]!)), fillBelow: true },
    {
      label: '+ teardown',
      color: '#7f7f7f',
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

/** Runtime against runtime: other / base median total per worker count, 1 drawn as a line. */
export function ratioFigure(title: string, pairs: LinePair[], log2: boolean, book: ChartBook): HTMLElement {
  const xs = [...new Set(pairs.flatMap((p) => p.points.map((q) => q.workers)))].sort((a, b) => a - b);
  const label = (p: LinePair) => `${lineLabel(p.other)} / ${lineLabel(p.base)}`;
  const chartLines: ChartLine[] = pairs.map((p, i) => ({
    label: label(p),
    color: colorAt(i),
    values: xs.map((x) => p.points.find((q) => q.workers === x)?.ratio ?? null),
  }));
  const rows = xs.map((x) => [
    x,
    ...pairs.map((p) => {
      const q = p.points.find((r) => r.workers === x);
      return q ? `${fmtX(q.ratio)} ${q.beyond ? '(beyond noise)' : '(within noise)'}` : '';
    }),
  ]);
  const table = numbersTable(
    'numbers: ratio of median totals; beyond noise = 95% confidence intervals do not overlap',
    ['workers', ...pairs.map(label)],
    rows,
  );
  return chartFigure(
    { title, xs, lines: chartLines, yLabel: 'time ratio', log2, reference: 1, table, yFormat: fmtX },
    book,
  );
}
