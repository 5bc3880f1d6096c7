import type { ArrivalPoint, Impl, Mode, ResultFile, TaskKind } from '../format/types.ts';
import { fmtMs } from './numbers.ts';
import { coldOnly } from './pools.ts';

/**
 * The knee of a latency-against-load curve: the highest sustained rate whose p99 response is at
 * most this many times the p99 at the lowest rate measured. Past it, tasks wait in the queue for
 * longer than they run: a server sized at the knee keeps its tail latency near its idle value.
 */
export const LATENCY_KNEE_FACTOR = 2;

/** One option's response times against the offered rate, for one task. */
export interface LoadCurve {
  task: TaskKind;
  mode: Mode;
  impl: Impl;
  workers: number;
  /** Ascending by rate. */
  points: ArrivalPoint[];
  /** The highest rate before p99 grows past LATENCY_KNEE_FACTOR x its lowest-rate value; absent when none was sustained. */
  knee?: number;
}

/** The knee of `points` (ascending by rate): see LATENCY_KNEE_FACTOR. */
export function latencyKnee(points: readonly ArrivalPoint[]): number | undefined {
  const base = points[0];
  if (!base?.sustained) return undefined;
  let knee: number | undefined;
  for (const p of points) {
    if (!p.sustained || p.responseMs.p99 > LATENCY_KNEE_FACTOR * base.responseMs.p99) break;
    knee = p.rate;
  }
  return knee;
}

/** Every ok cell of `task` with arrival points, as curves with their knees. */
export function loadCurves(all: ResultFile, task: TaskKind): LoadCurve[] {
  const run = coldOnly(all);
  const out: LoadCurve[] = [];
  for (const c of run.cells) {
    if (c.task !== task || c.status !== 'ok' || !c.arrivals || c.arrivals.length === 0) continue;
    const points = [...c.arrivals].sort((a, b) => a.rate - b.rate);
    const knee = latencyKnee(points);
    out.push({ task, mode: c.mode, impl: c.impl, workers: c.workers, points, ...(knee !== undefined ? { knee } : {}) });
  }
  return out;
}

/** One option at one rate. */
export interface ServeOption {
  mode: Mode;
  impl: Impl;
  workers: number;
  point: ArrivalPoint;
}

/** What serves one rate of one task best, and what the main thread would feel. */
export interface ServeAdvice {
  task: TaskKind;
  rate: number;
  /** The sustained option with the lowest p99 response; absent when none sustained the rate. */
  best?: ServeOption;
  /** The main-thread option (async or sequential) with the lowest p99 at this rate, sustained or not. */
  mainThread?: ServeOption;
  /** The highest throughput measured when nothing sustained the rate. */
  bestThroughput?: ServeOption;
  sentence: string;
}

const onMain = (m: Mode) => m === 'async' || m === 'sequential';
const name = (o: ServeOption) => (onMain(o.mode) ? `${o.mode} x${o.workers}` : `${o.mode}/${o.impl} x${o.workers}`);
const rateText = (r: number) => `${Number(r.toPrecision(3))} tasks/s`;
const ms = (x: number) => `${fmtMs(x)} ms`;

/** The event loop's delay at one point, in words; empty without a sampler's reading. */
function loopWords(p: ArrivalPoint, stall: boolean): string {
  const d = p.loopDelay;
  if (!d) return '';
  return stall ? `, event loop stalls up to ${ms(d.maxMs)}` : `, event loop p99 ${ms(d.p99Ms)}`;
}

const lowestP99 = (xs: ServeOption[]) =>
  xs.reduce<ServeOption | undefined>(
    (b, x) => (!b || x.point.responseMs.p99 < b.point.responseMs.p99 ? x : b),
    undefined,
  );

/**
 * For a run with tasks arriving over time: per task and rate, the sustained option with the lowest
 * p99 response, and beside it the main thread's best (its p99, or that it could not keep up), with
 * the event loop's delay where the run sampled it. The batch recommendation (`recommend`) stays.
 */
export function serveAdvice(run: ResultFile): ServeAdvice[] {
  const rates = run.config.arrival?.rates ?? [];
  const out: ServeAdvice[] = [];
  for (const task of run.config.tasks) {
    const curves = loadCurves(run, task);
    if (curves.length === 0) continue;
    for (const rate of rates) {
      const options: ServeOption[] = [];
      for (const c of curves) {
        const point = c.points.find((p) => p.rate === rate);
        if (point) options.push({ mode: c.mode, impl: c.impl, workers: c.workers, point });
      }
      if (options.length === 0) continue;
      const best = lowestP99(options.filter((o) => o.point.sustained));
      const mains = options.filter((o) => onMain(o.mode));
      const mainThread = lowestP99(mains.filter((o) => o.point.sustained)) ?? lowestP99(mains);
      const bestThroughput = best
        ? undefined
        : options.reduce((b, x) => (x.point.throughput > b.point.throughput ? x : b));
      let sentence: string;
      if (best) {
        const p = best.point;
        sentence = `at ${rateText(rate)}, ${name(best)}: p99 ${ms(p.responseMs.p99)} (p50 ${ms(p.responseMs.p50)})${loopWords(p, onMain(best.mode))}`;
      } else {
        const b = bestThroughput as ServeOption;
        sentence = `at ${rateText(rate)}: nothing measured keeps up (the most, ${name(b)}, answered ${rateText(b.point.throughput)})`;
      }
      if (mainThread && mainThread !== best) {
        const m = mainThread.point;
        sentence += m.sustained
          ? `; on the main thread (${name(mainThread)}): p99 ${ms(m.responseMs.p99)}${loopWords(m, true)}`
          : `; on the main thread (${name(mainThread)}): cannot keep up, answers ${rateText(m.throughput)}${loopWords(m, true)}`;
      }
      out.push({
        task,
        rate,
        ...(best ? { best } : {}),
        ...(mainThread ? { mainThread } : {}),
        ...(bestThroughput ? { bestThroughput } : {}),
        sentence,
      });
    }
  }
  return out;
}
