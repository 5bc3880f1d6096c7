import type { Cell, ResultFile } from '../format/types.ts';
import { hasPhases } from './clock.ts';
import { coldOnly } from './pools.ts';
import { idealSpeedup, median } from './stats.ts';
import { coresOf } from './summarize.ts';

/** Which check: cpu on 1 worker against inline, cpu speedup up to the cores, io speedup up to 8. */
export type FidelityName = 'cpu-1-worker-vs-inline' | 'cpu-speedup-vs-ideal' | 'io-speedup-vs-ideal';

/** One check that the harness measures the work and not itself. */
export interface FidelityCheck {
  name: FidelityName;
  mode: Cell['mode'];
  impl: string;
  /** `pass` and `miss` carry a value; `unmeasured` says which cells were missing. */
  status: 'pass' | 'miss' | 'unmeasured';
  /** What was measured, as a ratio (see `goal`); absent when unmeasured. */
  value?: number;
  /** The worker count the check was made at. */
  workers?: number;
  /** The bound the value is held to, in words, or why it could not be checked. */
  goal: string;
}

/** cpu at 1 worker may differ from inline by this much: dispatch of one task per ~10 ms. */
export const INLINE_TOLERANCE = 0.05;
/** cpu work time speedup at least this share of the ideal at the largest N not above the cores. */
export const CPU_IDEAL_SHARE = 0.9;
/** io work time speedup at least this share of the ideal at the largest N up to 8. */
export const IO_IDEAL_SHARE = 0.95;
/** The article's first figure ends at 8 workers: the io check looks no further. */
const IO_MAX_WORKERS = 8;

const medianWork = (c: Cell | undefined) =>
  c && c.status === 'ok' ? median(c.samples.map((s) => s.workMs)) : undefined;

/** The cells of one transport in one file. */
class Transport {
  constructor(
    readonly r: ResultFile,
    readonly mode: Cell['mode'],
    readonly impl: string,
  ) {}
  find(task: string, workers: number): Cell | undefined {
    return this.r.cells.find(
      (c) => c.task === task && c.mode === this.mode && c.impl === this.impl && c.workers === workers,
    );
  }
  /** Worker counts with an ok cell of `task`. */
  okCounts(task: string): number[] {
    return this.r.cells
      .filter((c) => c.task === task && c.mode === this.mode && c.impl === this.impl && c.status === 'ok')
      .map((c) => c.workers);
  }
}

function inlineCheck(t: Transport, inline: number | undefined): FidelityCheck {
  const { mode, impl } = t;
  const name = 'cpu-1-worker-vs-inline';
  const cpu1 = medianWork(t.find('cpu', 1));
  if (inline === undefined || cpu1 === undefined) {
    const missing = [
      cpu1 === undefined && 'no ok cpu cell at 1 worker',
      inline === undefined && 'no ok cpu sequential cell',
    ]
      .filter(Boolean)
      .join(', ');
    return { name, mode, impl, status: 'unmeasured', goal: missing };
  }
  const value = cpu1 / inline;
  return {
    name,
    mode,
    impl,
    status: Math.abs(value - 1) <= INLINE_TOLERANCE ? 'pass' : 'miss',
    value,
    workers: 1,
    goal: `within ${INLINE_TOLERANCE * 100}% of inline (${1 - INLINE_TOLERANCE}..${1 + INLINE_TOLERANCE})`,
  };
}

/** Work-time speedup against the ideal at the largest ok N in 2..maxN. */
function speedupCheck(t: Transport, task: 'cpu' | 'io', maxN: number, cores: number): FidelityCheck {
  const { mode, impl } = t;
  const name: FidelityName = task === 'cpu' ? 'cpu-speedup-vs-ideal' : 'io-speedup-vs-ideal';
  const share = task === 'cpu' ? CPU_IDEAL_SHARE : IO_IDEAL_SHARE;
  const candidates = t.okCounts(task).filter((n) => n >= 2 && n <= maxN);
  const one = medianWork(t.find(task, 1));
  if (candidates.length === 0 || one === undefined) {
    const range = task === 'cpu' ? `2..${maxN} workers (the cores)` : `2..${maxN} workers`;
    const goal =
      maxN < 2
        ? `${cores} core: no worker count from 2 up to the cores`
        : one === undefined
          ? `no ok ${task} cell at 1 worker`
          : `no ok ${task} cell at ${range}`;
    return { name, mode, impl, status: 'unmeasured', goal };
  }
  const n = Math.max(...candidates);
  const ideal = idealSpeedup(task, n, t.r.config.count, cores) as number;
  const value = one / (medianWork(t.find(task, n)) as number) / ideal;
  return {
    name,
    mode,
    impl,
    status: value >= share ? 'pass' : 'miss',
    value,
    workers: n,
    goal: `speedup at ${n} workers >= ${share} x ideal ${ideal.toFixed(2)}`,
  };
}

/**
 * The fidelity goals, from work time (no spawn, no teardown), for every worker transport in a
 * file:
 * - cpu at 1 worker within 5% of the same tasks run inline (`sequential`);
 * - cpu speedup at least 0.9 x the ideal at the largest measured N with 2 <= N <= cores, on any
 *   machine (the ideal, `count / ceil(count / N)`, is below N when N does not divide the count);
 * - io speedup at least 0.95 x the ideal at the largest measured N with 2 <= N <= 8.
 * A check whose cells were not measured is reported `unmeasured` with the reason, never dropped.
 * Phases-clock runs only: under the article clock work time includes workers still starting.
 */
export function fidelityChecks(run: ResultFile): FidelityCheck[] {
  const r = coldOnly(run);
  if (!hasPhases(r)) return [];
  const out: FidelityCheck[] = [];
  const cores = coresOf(r.env);
  const tasks = new Set(r.cells.map((c) => c.task));
  const inline = medianWork(r.cells.find((c) => c.task === 'cpu' && c.mode === 'sequential'));
  const keys = new Set(
    r.cells.filter((c) => c.mode === 'threads' || c.mode === 'processes').map((c) => `${c.mode}\u0000${c.impl}`),
  );
  for (const key of keys) {
    const [mode, impl] = key.split('\u0000') as [Cell['mode'], string];
    const t = new Transport(r, mode, impl);
    if (tasks.has('cpu')) out.push(inlineCheck(t, inline), speedupCheck(t, 'cpu', cores, cores));
    if (tasks.has('io')) out.push(speedupCheck(t, 'io', IO_MAX_WORKERS, cores));
  }
  return out;
}
