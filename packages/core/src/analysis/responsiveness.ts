import type { Cell, LoopDelay, LoopDelayMethod, Mode, ResultFile, TaskKind } from '../format/types.ts';
import { fmtMs } from './numbers.ts';
import { coldOnly } from './pools.ts';

/** One mode and impl of one task: the hub's event-loop delay at each worker count that has one. */
export interface DelaySeries {
  task: TaskKind;
  mode: Mode;
  impl: string;
  method: LoopDelayMethod;
  intervalMs: number;
  /** The interval the sampler backs off to while the loop is idle; absent when it never backs off. */
  idleIntervalMs?: number | undefined;
  /** By worker count, ascending. */
  points: { workers: number; delay: LoopDelay }[];
  /** The largest p99 and max over the worker counts: what a server on this mode would feel at worst. */
  worstP99Ms: number;
  worstMaxMs: number;
}

/** What each method samples, in a few words, for a caption: "sampled every 1 ms by …". */
export const DELAY_METHOD_WORDS: Record<LoopDelayMethod, string> = {
  'timer-drift': 'a timer on the event loop',
  'asyncio-timer': 'a sleep on the asyncio loop',
  'thread-wakeup': "a sleeping thread's wake-up, its wait for the GIL",
};

/**
 * The run's event-loop delays as series by task, mode and impl, in the order the run wrote them:
 * for the page's responsiveness figure and the summary. Cells without the field (older files,
 * failed cells) are left out; a run without any gives none.
 */
export function delaySeries(run: ResultFile): DelaySeries[] {
  const r = coldOnly(run);
  const series = new Map<string, DelaySeries>();
  for (const c of r.cells as Cell[]) {
    const d = c.loopDelay;
    if (c.status !== 'ok' || !d) continue;
    const key = `${c.task} ${c.mode}/${c.impl}`;
    let s = series.get(key);
    if (!s) {
      s = {
        task: c.task,
        mode: c.mode,
        impl: c.impl,
        method: d.method,
        intervalMs: d.intervalMs,
        idleIntervalMs: d.idleIntervalMs,
        points: [],
        worstP99Ms: 0,
        worstMaxMs: 0,
      };
      series.set(key, s);
    }
    s.points.push({ workers: c.workers, delay: d });
    s.worstP99Ms = Math.max(s.worstP99Ms, d.p99Ms);
    s.worstMaxMs = Math.max(s.worstMaxMs, d.maxMs);
  }
  for (const s of series.values()) s.points.sort((a, b) => a.workers - b.workers);
  return [...series.values()];
}

/** "0.12-0.40" over the worker counts, or one figure when they round alike; by p99. */
export function p99Range(s: DelaySeries): string {
  const p99s = s.points.map((p) => p.delay.p99Ms);
  const lo = fmtMs(Math.min(...p99s));
  const hi = fmtMs(Math.max(...p99s));
  return lo === hi ? lo : `${lo}-${hi}`;
}
