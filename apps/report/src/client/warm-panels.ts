import type { Cell, ResultFile, TaskKind, WorkerMode } from '@tvp/core';
import {
  fmtMs,
  fmtX,
  fmtXRange,
  hasPhases,
  runtimeName,
  type WarmPair,
  warmPairLine,
  warmPairs,
} from '@tvp/core/analysis';
import { colorKey } from './palette.ts';
import type { Panel, PanelSeries } from './panel-spec.ts';

/** What the warm figure reads of a run: its cold cells in `result`, its warm ones apart (RunView). */
type Run = { result: ResultFile; warm?: Cell[] };

const MODES: readonly WorkerMode[] = ['threads', 'processes'];

/** The run as its file has it, warm cells beside the cold ones: what core's `warmPairs` reads. */
export const wholeRun = (run: Run): ResultFile =>
  run.warm && run.warm.length > 0 ? { ...run.result, cells: [...run.result.cells, ...run.warm] } : run.result;

/** One mode's warm cells beside their cold neighbours (core's `warmPairs`), of one impl, by worker count ascending. */
export interface WarmLine {
  mode: WorkerMode;
  impl: string;
  pairs: WarmPair[];
}

// Each run's pairs are found once per page, whatever the figures that read them.
const paired = new WeakMap<ResultFile, WarmPair[]>();
function pairsOf(run: Run): WarmPair[] {
  let p = paired.get(run.result);
  if (!p) {
    p = warmPairs(wholeRun(run));
    paired.set(run.result, p);
  }
  return p;
}

/**
 * Per worker mode the line the warm figure shows: core's pairs of warm and cold cells of the
 * mode's first raw primitive that ran both (a pool library is another colour: in the numbers).
 * None under the article's clock, where a cold run's work overlaps its spawn (core says so).
 */
export function warmLines(run: Run, task: TaskKind): WarmLine[] {
  const of = pairsOf(run).filter((p) => p.task === task && p.way === undefined);
  return MODES.flatMap((mode) => {
    const impls = [...new Set(of.filter((p) => p.mode === mode).map((p) => p.impl))];
    const impl = impls.find((i) => colorKey(mode, i) === mode) ?? impls[0];
    if (impl === undefined) return [];
    const pairs = of.filter((p) => p.mode === mode && p.impl === impl).sort((a, b) => a.workers - b.workers);
    return [{ mode, impl, pairs }];
  });
}

/** The batch tasks that have warm cells in any of the runs, in the order given (payload cells differ by way and size: not here). */
export const warmTasks = (runs: readonly Run[], order: readonly TaskKind[]): TaskKind[] =>
  order.filter(
    (t) => t !== 'payload' && runs.some((r) => (r.warm ?? []).some((c) => c.task === t && c.status === 'ok')),
  );

/** Runs with warm cells that cannot be set against cold ones: the article's clock. */
export const articleClockWarm = (runs: readonly Run[]): Run[] =>
  runs.filter((r) => (r.warm ?? []).length > 0 && !hasPhases(r.result));

/**
 * A runtime's panel: per mode its cold work as solid bars and its warm work as hollow bars of the
 * same colour beside them, at each worker count (at most 4 series).
 */
export function warmPanel(run: Run, lines: WarmLine[], xs: number[]): Panel {
  const series: PanelSeries[] = [];
  const slots = lines.length * 2;
  let at = 0;
  const values = (l: WarmLine, pick: (p: WarmPair) => number) =>
    xs.map((x) => {
      const p = l.pairs.find((q) => q.workers === x);
      return p ? pick(p) : null;
    });
  for (const l of lines) {
    series.push({
      key: l.mode,
      label: `${l.mode}, cold (fresh workers each run)`,
      values: values(l, (p) => p.coldWorkMs),
      draw: 'bars',
      slot: { at: at++, of: slots },
    });
    series.push({
      key: l.mode,
      label: `${l.mode}, warm (workers kept alive)`,
      values: values(l, (p) => p.warmWorkMs),
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

/** Per mode, the pair at the largest worker count (the pool a server would keep). */
export const warmRatios = (lines: WarmLine[]): WarmPair[] =>
  lines.flatMap((l) => (l.pairs.length > 0 ? [l.pairs[l.pairs.length - 1] as WarmPair] : []));

/**
 * The finding under the figure, one line per runtime: per mode core's words for warm against
 * cold work at the largest worker count both ran (`warmPairLine`: medians, ratio, 95% interval,
 * n); null when no mode ran both.
 */
export function warmFinding(run: Run, lines: WarmLine[]): string | null {
  const top = warmRatios(lines);
  if (top.length === 0) return null;
  return `${runtimeName(run.result.env.runtime)}: ${top.map(warmPairLine).join('; ')}`;
}

/** The numbers, collapsed: per worker count each pair's warm and cold median work and their ratio. */
export function warmRows(runs: readonly Run[], task: TaskKind, xs: number[]): { head: string[]; rows: string[][] } {
  const cols = runs.flatMap((run) =>
    [
      ...new Set(
        pairsOf(run)
          .filter((p) => p.task === task && p.way === undefined)
          .map((p) => `${p.mode}/${p.impl}`),
      ),
    ].map((who) => ({
      head: `${runtimeName(run.result.env.runtime)} ${who}`,
      pairs: pairsOf(run).filter((p) => p.task === task && `${p.mode}/${p.impl}` === who),
    })),
  );
  const cell = (p: WarmPair | undefined) => {
    if (!p) return '';
    const iv = p.ratio?.interval;
    return `${fmtMs(p.warmWorkMs)} / ${fmtMs(p.coldWorkMs)} (${iv ? `${fmtX(iv.estimate)}, ${fmtXRange(iv.lo, iv.hi)}` : fmtX(p.warmWorkMs / p.coldWorkMs)})`;
  };
  return {
    head: ['workers', ...cols.map((c) => c.head)],
    rows: xs.map((x) => [String(x), ...cols.map((c) => cell(c.pairs.find((p) => p.workers === x)))]),
  };
}

/** The warm pools' one start and stop per cell, in words: "Node threads/worker_threads x4: spawn 52.1 ms, teardown 3.2 ms, once". */
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
