import type { ResultFile } from '../format/types.ts';
import { medianInterval } from './median-interval.ts';
import { coldOnly } from './pools.ts';
import { summarize } from './summarize.ts';

/** The formats a run is exported in. */
export type ExportFormat = 'json' | 'csv' | 'md' | 'bmf' | 'github-action-benchmark';

/** Every export format, for flag checks and menus. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'md', 'bmf', 'github-action-benchmark'];

/** One exported row: a cell's identity and the statistics of its total time. */
export interface ExportRow {
  runtime: string;
  label: string;
  task: string;
  mode: string;
  impl: string;
  workers: number;
  status: string;
  n: number;
  medianMs: number;
  /** Distribution-free interval of the median, and its coverage. */
  lowMs: number;
  highMs: number;
  coverage: number;
  meanMs: number;
  sdMs: number;
  minMs: number;
  maxMs: number;
  /** Medians of the phases: phases-clock runs only (under the article clock they overlap). */
  spawnMs?: number;
  workMs?: number;
  teardownMs?: number;
  speedup?: number;
  speedupLow?: number;
  speedupHigh?: number;
  ideal?: number;
}

/** A run's ok cells as rows (statistics from core's summarize, intervals of medians). */
export function exportRows(run: ResultFile): ExportRow[] {
  const r = coldOnly(run);
  const out: ExportRow[] = [];
  for (const s of summarize(r)) {
    if (s.status !== 'ok' || !s.total) continue;
    const cell = r.cells.find(
      (c) => c.task === s.task && c.mode === s.mode && c.impl === s.impl && c.workers === s.workers,
    );
    const ci = medianInterval(cell?.samples.map((x) => x.totalMs) ?? [s.total.median]);
    out.push({
      runtime: r.env.runtime,
      label: r.env.label,
      task: s.task,
      mode: s.mode,
      impl: s.impl,
      workers: s.workers,
      status: s.status,
      n: s.total.n,
      medianMs: s.total.median,
      lowMs: ci.lo,
      highMs: ci.hi,
      coverage: ci.coverage,
      meanMs: s.total.mean,
      sdMs: s.total.sd,
      minMs: s.total.min,
      maxMs: s.total.max,
      ...(s.spawn && s.work && s.teardown
        ? { spawnMs: s.spawn.median, workMs: s.work.median, teardownMs: s.teardown.median }
        : {}),
      ...(s.speedup === undefined ? {} : { speedup: s.speedup }),
      ...(s.speedupCi === undefined ? {} : { speedupLow: s.speedupCi.lo, speedupHigh: s.speedupCi.hi }),
      ...(s.ideal === undefined ? {} : { ideal: s.ideal }),
    });
  }
  return out;
}

/** A benchmark's name in trackers: stable across runs of the same work on the same machine. */
export const benchmarkName = (x: ExportRow): string =>
  `${x.label}/${x.runtime}/${x.task}/${x.mode}${x.impl === 'main' ? '' : `-${x.impl}`}/x${x.workers}`;

const COLUMNS: readonly (keyof ExportRow)[] = [
  'runtime',
  'label',
  'task',
  'mode',
  'impl',
  'workers',
  'n',
  'medianMs',
  'lowMs',
  'highMs',
  'coverage',
  'meanMs',
  'sdMs',
  'minMs',
  'maxMs',
  'spawnMs',
  'workMs',
  'teardownMs',
  'speedup',
  'speedupLow',
  'speedupHigh',
  'ideal',
];

const csvCell = (v: unknown) => {
  const s = v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const fmt = (v: unknown) => (typeof v === 'number' ? String(round(v)) : v === undefined ? '' : String(v));

/**
 * A run in one of the export formats:
 * - `json`: the run's identity, config and environment, and a row per ok cell;
 * - `csv` and `md`: the rows as a table;
 * - `bmf`: Bencher Metric Format, the median total time per cell as `total-ms` with the median's
 *   interval as lower_value / upper_value;
 * - `github-action-benchmark`: the `customSmallerIsBetter` list (name, unit, value, range, extra).
 */
export function exportRun(r: ResultFile, format: ExportFormat): string {
  const rows = exportRows(r);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ id: r.id, createdAt: r.createdAt, env: r.env, config: r.config, rows }, null, 2)}\n`;
    case 'csv':
      return `${[COLUMNS.join(','), ...rows.map((x) => COLUMNS.map((c) => csvCell(x[c])).join(','))].join('\n')}\n`;
    case 'md':
      return `${[
        `| ${COLUMNS.join(' | ')} |`,
        `| ${COLUMNS.map((_, i) => (i < 5 ? '---' : '---:')).join(' | ')} |`,
        ...rows.map((x) => `| ${COLUMNS.map((c) => fmt(x[c])).join(' | ')} |`),
      ].join('\n')}\n`;
    case 'bmf':
      return `${JSON.stringify(
        Object.fromEntries(
          rows.map((x) => [
            benchmarkName(x),
            { 'total-ms': { value: round(x.medianMs), lower_value: round(x.lowMs), upper_value: round(x.highMs) } },
          ]),
        ),
        null,
        2,
      )}\n`;
    case 'github-action-benchmark':
      return `${JSON.stringify(
        rows.map((x) => ({
          name: benchmarkName(x),
          unit: 'ms',
          value: round(x.medianMs),
          range: `${round(x.lowMs)} .. ${round(x.highMs)} (${Math.round(x.coverage * 1000) / 10}% interval of the median)`,
          extra:
            x.spawnMs === undefined || x.workMs === undefined || x.teardownMs === undefined
              ? `n = ${x.n}; timed by the article's clock (no phases)`
              : `n = ${x.n}; spawn ${round(x.spawnMs)} ms, work ${round(x.workMs)} ms, teardown ${round(x.teardownMs)} ms`,
        })),
        null,
        2,
      )}\n`;
  }
}
