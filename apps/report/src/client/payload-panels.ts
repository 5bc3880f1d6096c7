import type { PayloadWay, ResultFile, WorkerMode } from '@tvp/core';
import {
  breakEvenLine,
  breakEvens,
  intervalText,
  type PayloadSeries,
  payloadSeries,
  runtimeName,
  WAYS_OF_MODE,
} from '@tvp/core/analysis';
import { dashAt } from './palette.ts';
import type { Panel, PanelSeries } from './panel-spec.ts';

/** What the payload figure reads of a run. */
type Run = { result: ResultFile };

/** One panel's worth: a runtime's transport of one mode, its ways' series. */
export interface PayloadPanel {
  panel: Panel;
  run: Run;
  impl: string;
  ways: PayloadSeries[];
}

/** The figure of one mode: the sizes on its x axis, a panel per runtime and transport. */
export interface PayloadPanels {
  mode: WorkerMode;
  xs: number[];
  panels: PayloadPanel[];
}

/** "1 KiB", "64 KiB", "1.5 MiB": a size as a tick says it. */
export function sizeLabel(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}

/** A cost in µs as a tick or a cell says it: "20 µs", "1.5 ms", "2 s". */
export function costLabel(us: number): string {
  const trim = (x: number) => (x >= 100 || Number.isInteger(x) ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  if (us >= 1e6) return `${trim(us / 1e6)} s`;
  if (us >= 1000) return `${trim(us / 1000)} ms`;
  return `${trim(us)} µs`;
}

/** The dash that tells a way apart besides its colour: the mode's first way solid, the others dashed or dotted. */
export const wayDash = (way: PayloadWay): number[] | undefined => {
  const of = WAYS_OF_MODE.threads.includes(way) ? WAYS_OF_MODE.threads : WAYS_OF_MODE.processes;
  return dashAt(of.indexOf(way));
};

/** The main thread's checksum alone, a reference on every panel: what the task's own work costs. */
export const WORK_ALONE = 'main thread: the checksum alone, nothing moved';

// Each run's series are fitted once per page, whatever figures and tables read them.
const fitted = new WeakMap<ResultFile, PayloadSeries[]>();
/** Core's `payloadSeries` of a run, once. */
export function seriesOf(run: Run): PayloadSeries[] {
  let s = fitted.get(run.result);
  if (!s) {
    s = payloadSeries(run.result);
    fitted.set(run.result, s);
  }
  return s;
}

/**
 * The payload figure of one worker mode: per run (in the order given: one per runtime) a panel for
 * each transport of the mode that moved a payload, a series per way in the mode's order (a colour
 * each, the same in every panel, and a dash) with the medians' intervals as whiskers, and the main
 * thread's checksum alone as a dashed reference. At most 4 ways and the reference: 5 series a panel.
 */
export function payloadPanels(runs: readonly Run[], mode: WorkerMode): PayloadPanels {
  const of = runs.map((run) => ({ run, series: seriesOf(run) }));
  const xs = [
    ...new Set(
      of.flatMap(({ series }) => series.filter((s) => s.mode === mode).flatMap((s) => s.points.map((p) => p.bytes))),
    ),
  ].sort((a, b) => a - b);
  const at = (s: PayloadSeries, pick: (p: PayloadSeries['points'][number]) => number) =>
    xs.map((b) => {
      const p = s.points.find((q) => q.bytes === b);
      return p ? pick(p) : null;
    });
  const panels: PayloadPanel[] = [];
  for (const { run, series } of of) {
    const main = series.find((s) => s.mode === 'sequential');
    const impls = [...new Set(series.filter((s) => s.mode === mode && s.way).map((s) => s.impl))];
    for (const impl of impls) {
      const ways = WAYS_OF_MODE[mode].flatMap((way) =>
        series.filter((s) => s.mode === mode && s.impl === impl && s.way === way),
      );
      const drawn: PanelSeries[] = ways.map((s) => ({
        key: s.way as PayloadWay,
        label: s.way as PayloadWay,
        values: at(s, (p) => p.costUs),
        whiskers: { lo: at(s, (p) => p.lo), hi: at(s, (p) => p.hi) },
        draw: 'line',
        dash: wayDash(s.way as PayloadWay),
      }));
      if (main)
        drawn.push({
          key: 'sequential',
          label: WORK_ALONE,
          values: at(main, (p) => p.costUs),
          draw: 'line',
          dash: [2, 3],
          tag: 'work alone',
        });
      const env = run.result.env;
      panels.push({
        panel: { title: `${runtimeName(env.runtime)} ${env.runtimeVersion} · ${impl}`, of: env.runtime, series: drawn },
        run,
        impl,
        ways,
      });
    }
  }
  return { mode, xs, panels };
}

/**
 * Under the figure, per runtime: core's statement of where offloading to this mode stops paying
 * (`breakEvenLine`, the same words as the terminal summary), or why there is none.
 */
export function breakEvenNotes(runs: readonly Run[], mode: WorkerMode): { runtime: string; text: string }[] {
  return runs.flatMap((run) => {
    const series = seriesOf(run);
    if (!series.some((s) => s.mode === mode && s.way)) return [];
    const rt = run.result.env.runtime;
    const b = breakEvens(series).find((x) => x.mode === mode);
    const text = b
      ? breakEvenLine(b)
      : series.some((s) => s.mode === 'sequential')
        ? 'no way had a fit with an interval (too few runs or sizes): no statement'
        : 'the run has no main-thread cells to subtract the work from: no statement (run with --mode including sequential)';
    return [{ runtime: rt, text: `${runtimeName(rt)}: ${text}` }];
  });
}

/** The ways a run's transports of this mode lacked, one line each: "Bun bun-spawn: frames skipped: …". */
export function skippedLines(runs: readonly Run[], mode: WorkerMode): string[] {
  return runs.flatMap((run) =>
    (run.result.skippedWays ?? [])
      .filter((s) => s.mode === mode)
      .map((s) => `${runtimeName(run.result.env.runtime)} ${s.impl}: ${s.way} skipped: ${s.reason}`),
  );
}

/** The fitted moving cost of every way drawn: fixed + per KB, each with its interval, in words. */
export function fitRows(fig: PayloadPanels): string[][] {
  return fig.panels.flatMap(({ run, impl, ways }) =>
    ways.map((s) => [
      `${runtimeName(run.result.env.runtime)} ${impl}`,
      s.way ?? '',
      s.fixedUs ? intervalText(s.fixedUs) : 'no fit',
      s.perKbUs ? intervalText(s.perKbUs) : 'no fit',
    ]),
  );
}

/** The medians drawn, with their intervals: a row per size, a column per panel and way. */
export function numberRows(fig: PayloadPanels): { head: string[]; rows: string[][] } {
  const cols = fig.panels.flatMap(({ run, impl, ways }) =>
    ways.map((s) => ({ head: `${runtimeName(run.result.env.runtime)} ${impl} ${s.way}`, s })),
  );
  return {
    head: ['size', ...cols.map((c) => c.head)],
    rows: fig.xs.map((b) => [
      sizeLabel(b),
      ...cols.map(({ s }) => {
        const p = s.points.find((q) => q.bytes === b);
        return p ? `${costLabel(p.costUs)} (${costLabel(p.lo)}–${costLabel(p.hi)}, n=${p.runs})` : '';
      }),
    ]),
  };
}
