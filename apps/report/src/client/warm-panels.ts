import type { Cell, ResultFile, TaskKind, WorkerMode } from '@tvp/core';
import {
  fmtMs,
  fmtX,
  fmtXRange,
  hasPhases,
  type Judged,
  judge,
  median,
  runtimeName,
  withinMargin,
} from '@tvp/core/analysis';
import { colorKey } from './palette.ts';
import type { Panel, PanelSeries } from './panel-spec.ts';

/** What the warm figure reads of a run: its cold cells in `result`, its warm ones apart (RunView). */
type Run = { result: ResultFile; warm?: Cell[] };

const MODES: readonly WorkerMode[] = ['threads', 'processes'];

/** One mode's cold and warm cells of one impl, by worker count. */
export interface WarmLine {
  mode: WorkerMode;
  impl: string;
  /** Work ms of each measured run, by worker count: cold (fresh workers each run) and warm (live workers). */
  cold: Map<number, number[]>;
  warm: Map<number, number[]>;
}

const works = (c: Cell) => c.samples.map((s) => s.workMs);
const okOf = (cells: readonly Cell[], task: TaskKind) =>
  cells.filter((c) => c.task === task && c.status === 'ok' && c.samples.length > 0);

/**
 * Per worker mode the line the warm figure shows: the mode's first raw primitive that ran warm (a
 * pool library is another colour, in the numbers), its warm work by worker count and the same
 * impl's cold work; cold work only from a phases-clock run (under the article's clock a cold run's
 * work overlaps its spawn).
 */
export function warmLines(run: Run, task: TaskKind): WarmLine[] {
  const warm = okOf(run.warm ?? [], task);
  const cold = hasPhases(run.result) ? okOf(run.result.cells, task) : [];
  return MODES.flatMap((mode) => {
    const impls = [...new Set(warm.filter((c) => c.mode === mode).map((c) => c.impl))];
    const impl = impls.find((i) => colorKey(mode, i) === mode) ?? impls[0];
    if (impl === undefined) return [];
    const byWorkers = (cells: Cell[]) =>
      new Map(cells.filter((c) => c.mode === mode && c.impl === impl).map((c) => [c.workers, works(c)] as const));
    return [{ mode, impl, cold: byWorkers(cold), warm: byWorkers(warm) }];
  });
}

/** The tasks that have warm cells in any of the runs, in the article's order. */
export const warmTasks = (runs: readonly Run[], order: readonly TaskKind[]): TaskKind[] =>
  order.filter((t) => runs.some((r) => (r.warm ?? []).some((c) => c.task === t && c.status === 'ok')));

/**
 * A runtime's panel: per mode its cold work as solid bars and its warm work as hollow bars of the
 * same colour beside them, at each worker count (at most 4 series).
 */
export function warmPanel(run: Run, lines: WarmLine[], xs: number[]): Panel {
  const series: PanelSeries[] = [];
  const slots = lines.reduce((n, l) => n + (l.cold.size > 0 ? 1 : 0) + 1, 0);
  let at = 0;
  const values = (m: Map<number, number[]>) => xs.map((x) => (m.has(x) ? median(m.get(x) as number[]) : null));
  for (const l of lines) {
    if (l.cold.size > 0)
      series.push({
        key: l.mode,
        label: `${l.mode}, cold (fresh workers each run)`,
        values: values(l.cold),
        draw: 'bars',
        slot: { at: at++, of: slots },
      });
    series.push({
      key: l.mode,
      label: `${l.mode}, warm (workers kept alive)`,
      values: values(l.warm),
      draw: 'bars',
      fill: 'hollow',
      slot: { at: at++, of: slots },
    });
  }
  const env = run.result.env;
  return {
    title: `${runtimeName(env.runtime)} ${env.runtimeVersion} · ${lines.map((l) => l.impl).join(' / ')}`,
    of: env.runtime,
    series,
  };
}

/** Warm over cold work at one worker count: core's ratio of medians with its exact bootstrap interval and verdict. */
export interface WarmRatio {
  mode: WorkerMode;
  workers: number;
  judged?: Judged;
  estimate: number;
}

/** Per mode, warm / cold work at the largest worker count where both ran (the pool a server would keep). */
export function warmRatios(lines: WarmLine[]): WarmRatio[] {
  return lines.flatMap((l) => {
    const both = [...l.warm.keys()].filter((w) => l.cold.has(w));
    if (both.length === 0) return [];
    const workers = Math.max(...both);
    const w = l.warm.get(workers) as number[];
    const c = l.cold.get(workers) as number[];
    const judged = judge(w, c);
    return [{ mode: l.mode, workers, estimate: median(w) / median(c), ...(judged ? { judged } : {}) }];
  });
}

/** "threads 0.62x (0.58–0.66x)", with what the interval says when it does not show a difference. */
function ratioText(r: WarmRatio): string {
  const j = r.judged;
  if (!j) return `${r.mode} ${fmtX(r.estimate)} (too few runs for an interval)`;
  const iv = `${fmtXRange(j.interval.lo, j.interval.hi)}`;
  const note = j.verdict === 'unresolved' ? ', no difference shown' : j.verdict === 'equal' ? `, ${withinMargin}` : '';
  return `${r.mode} ${fmtX(r.estimate)} (${iv}${note})`;
}

/**
 * The finding under the figure, one line per runtime: warm work over cold work per mode at the
 * largest worker count both ran, with core's 95% interval; null when no mode ran both.
 */
export function warmFinding(run: Run, lines: WarmLine[]): string | null {
  const ratios = warmRatios(lines);
  if (ratios.length === 0) return null;
  const at = [...new Set(ratios.map((r) => r.workers))];
  const where = at.length === 1 ? `at ${at[0]} workers` : 'at the most workers both ran';
  return `${runtimeName(run.result.env.runtime)}: warm work / cold work ${where}: ${ratios
    .map((r) => `${ratioText(r)}${at.length === 1 ? '' : ` x${r.workers}`}`)
    .join(', ')} (ratio of medians, 95% bootstrap interval; below 1: the warm pool works faster)`;
}

/** The numbers, collapsed: per worker count each line's cold and warm median work, and the warm pools' one start. */
export function warmRows(runs: readonly Run[], task: TaskKind, xs: number[]): { head: string[]; rows: string[][] } {
  const cols = runs.flatMap((run) =>
    warmLines(run, task).flatMap((l) => {
      const who = `${runtimeName(run.result.env.runtime)} ${l.mode}/${l.impl}`;
      return [
        { head: `${who} cold`, m: l.cold },
        { head: `${who} warm`, m: l.warm },
      ];
    }),
  );
  const cell = (xs: number[] | undefined) =>
    xs ? `${fmtMs(median(xs))} (${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))}, n=${xs.length})` : '';
  return {
    head: ['workers', ...cols.map((c) => c.head)],
    rows: xs.map((x) => [String(x), ...cols.map((c) => cell(c.m.get(x)))]),
  };
}

/** The warm pools' one start and stop per cell, in words: "Node threads/worker_threads x4: spawn 52.1 ms, teardown 3.2 ms". */
export function warmStarts(runs: readonly Run[], task: TaskKind): string[] {
  return runs.flatMap((run) =>
    (run.warm ?? [])
      .filter((c) => c.task === task && c.warmStart)
      .map(
        (c) =>
          `${runtimeName(run.result.env.runtime)} ${c.mode}/${c.impl} x${c.workers}: spawn ${fmtMs(c.warmStart!.spawnMs)} ms, teardown ${fmtMs(c.warmStart!.teardownMs)} ms, once`,
      ),
  );
}
