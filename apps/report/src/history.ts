import type { TaskKind } from '@tvp/core';
import { comparable } from '@tvp/core/analysis';
import type { HistoryCell, HistoryPayload, HistoryRun, HistorySeries } from './payload.ts';
import type { CellKeys, RunSummary } from './store/run-summary.ts';

/** What a history asks for: a machine, runtime and task, and optionally one cell. */
export interface HistoryQuery {
  machine: string;
  runtime: string;
  task: TaskKind;
  cell?: HistoryCell;
}

/** The worker count a history shows by default: the article's largest standard sweep. */
export const DEFAULT_WORKERS = 8;

const sameCell = (a: HistoryCell, b: HistoryCell) =>
  a.mode === b.mode &&
  a.impl === b.impl &&
  a.workers === b.workers &&
  a.way === b.way &&
  a.payloadBytes === b.payloadBytes;

/** Per mode and implementation, the 8-worker cell, else the one with the most workers. */
export function defaultCells(cells: readonly HistoryCell[]): HistoryCell[] {
  const byLine = new Map<string, HistoryCell>();
  for (const c of cells) {
    const key = `${c.mode}|${c.impl}|${c.way ?? ''}|${c.payloadBytes ?? ''}`;
    const best = byLine.get(key);
    if (!best || (best.workers !== DEFAULT_WORKERS && (c.workers === DEFAULT_WORKERS || c.workers > best.workers)))
      byLine.set(key, c);
  }
  return [...byLine.values()];
}

/**
 * The median total of each cell over time, from the index alone (no run is decoded). Runs follow
 * one another oldest first; a run whose work is not comparable with the one before it (core's
 * `comparable` on this task) starts a new segment, and each run says whether it is comparable
 * with the latest, so a chart never joins different work into one line.
 */
export function historyOf(index: readonly RunSummary[], keys: CellKeys, q: HistoryQuery): HistoryPayload {
  const runs = index
    .filter(
      (r) => r.meta.machine === q.machine && r.meta.runtime === q.runtime && r.shell.config.tasks.includes(q.task),
    )
    .filter((r) => Array.from(r.keys).some((k) => keys.cell(k).task === q.task))
    .reverse(); // the index is newest first
  const latest = runs[runs.length - 1];
  let segment = 0;
  const points: HistoryRun[] = runs.map((r, i) => {
    if (i > 0 && !comparable(runs[i - 1]!.shell, r.shell, q.task).ok) segment++;
    const c = latest ? comparable(r.shell, latest.shell, q.task, ['this run', 'the latest']) : { ok: true as const };
    return {
      id: r.meta.id,
      createdAt: r.meta.createdAt,
      runtimeVersion: r.meta.runtimeVersion,
      segment,
      comparable: c.ok,
      reasons: c.ok ? [] : c.reasons,
    };
  });
  const cells: HistoryCell[] = [];
  for (const r of runs) {
    for (const k of r.keys) {
      const { task, ...cell } = keys.cell(k);
      if (task === q.task && !cells.some((c) => sameCell(c, cell))) cells.push(cell);
    }
  }
  cells.sort((a, b) => a.mode.localeCompare(b.mode) || a.impl.localeCompare(b.impl) || a.workers - b.workers);
  const chosen = q.cell ? cells.filter((c) => sameCell(c, q.cell!)) : defaultCells(cells);
  const series: HistorySeries[] = chosen.map((cell) => {
    const medians: (number | null)[] = [];
    const ns: (number | null)[] = [];
    for (const r of runs) {
      const i = Array.from(r.keys).findIndex((k) => {
        const c = keys.cell(k);
        return c.task === q.task && sameCell(c, cell);
      });
      medians.push(i === -1 ? null : r.medians[i]!);
      ns.push(i === -1 ? null : r.ns[i]!);
    }
    return { ...cell, medians, ns };
  });
  return { machine: q.machine, runtime: q.runtime, task: q.task, runs: points, cells, series };
}
