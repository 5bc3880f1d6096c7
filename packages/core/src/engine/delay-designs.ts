import { monitorEventLoopDelay } from 'node:perf_hooks';
import { median } from '../analysis/stats.ts';
import type { DelayStats } from '../format/types.ts';
import { runMain } from './baselines.ts';
import { type CostRun, costRounds } from './cost-rounds.ts';
import type { CostCell } from './delay-bench.ts';
import { LoopDelayProbe, monitorKind, type WorkPhaseProbe } from './loop-delay.ts';
import type { Transport } from './transport.ts';

/** A way to sample the event loop's delay, as the design benchmark compares them. */
export interface DelayDesign {
  name: string;
  /** A fresh probe for one run; `result` gives what it saw (undefined: nothing). */
  make(): WorkPhaseProbe & { result(): (DelayStats & { monitor?: DelayStats }) | undefined };
}

/** `perf_hooks.monitorEventLoopDelay` alone at `resolutionMs`: its timer runs in native code, no JS per tick. */
function monitorOnly(resolutionMs: number, subtractsInterval: boolean): DelayDesign['make'] {
  return () => {
    const m = monitorEventLoopDelay({ resolution: resolutionMs });
    const sub = subtractsInterval ? resolutionMs : 0;
    return {
      start: () => m.enable(),
      stop: () => m.disable(),
      result: () =>
        Number(m.count) === 0
          ? undefined
          : {
              p50Ms: Math.max(0, Number(m.percentile(50)) / 1e6 - sub),
              p99Ms: Math.max(0, Number(m.percentile(99)) / 1e6 - sub),
              maxMs: Math.max(0, Number(m.max) / 1e6 - sub),
              samples: Number(m.count),
            },
    };
  };
}

/** The timer-drift sampler: `intervalMs`, backing off to `idleMs` while idle, with or without the monitor beside it. */
function timer(intervalMs: number, idleMs = intervalMs, monitor = false): DelayDesign['make'] {
  return () => {
    const p = new LoopDelayProbe(intervalMs, monitor, { idleIntervalMs: idleMs });
    return { start: () => p.start(), stop: () => p.stop(), result: () => p.result() };
  };
}

/** The designs compared on this runtime (the monitor's only where it measures a stall: Node, Bun). */
export function delayDesigns(): DelayDesign[] {
  const monitor = monitorKind();
  const d: DelayDesign[] = [
    { name: 'timer 1 ms', make: timer(1) },
    { name: 'timer 2 ms', make: timer(2) },
    { name: 'timer 5 ms', make: timer(5) },
    { name: 'timer 10 ms', make: timer(10) },
    { name: 'timer 1 ms, idle 10 (after)', make: timer(1, 10) },
    { name: 'timer 1 ms, idle 20', make: timer(1, 20) },
  ];
  if (monitor !== 'none') {
    d.unshift({ name: 'timer 1 ms + monitor 1 ms (before)', make: timer(1, 1, true) });
    d.push(
      { name: 'monitor 1 ms alone', make: monitorOnly(1, monitor === 'interval') },
      { name: 'monitor 10 ms alone', make: monitorOnly(10, monitor === 'interval') },
    );
  }
  return d;
}

/** One cell and design: the median over rounds of (work with the design) / (work without any, same round). */
export interface DesignCost {
  cell: string;
  design: string;
  rounds: number;
  ratio: number;
  /** Median timer callbacks a second of work (the sampler's and the monitor's): how often an idle loop is woken. */
  ticksPerS: number;
}

/**
 * The cost of each design on each cell, in one interleaved run: every round runs the cell once
 * without a sampler and once with each design, in an order rotated each round (so drift in the
 * machine's load falls on every design alike), after one unmeasured run.
 */
export async function designCosts(
  cells: readonly CostCell[],
  designs: readonly DelayDesign[],
  rounds: number,
  log: (line: string) => void = () => {},
): Promise<DesignCost[]> {
  const out: DesignCost[] = [];
  const probes = designs.map((d) => () => d.make());
  for await (const { cell, rounds: runs } of costRounds(cells, probes, rounds)) {
    designs.forEach((d, i) => {
      const row = {
        cell: cell.name,
        design: d.name,
        rounds,
        ratio: median(runs.map((r) => (r.probed[i] as CostRun).workMs / r.bare.workMs)),
        ticksPerS: median(runs.map((r) => (r.probed[i] as CostRun).ticksPerS)),
      };
      log(`${row.cell} | ${row.design} | ${row.ratio.toFixed(4)} | ${row.ticksPerS.toFixed(0)} ticks/s`);
      out.push(row);
    });
  }
  return out;
}

const spin = (ms: number): number => {
  const end = performance.now() + ms;
  while (performance.now() < end);
  return 0;
};
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a design sees of known stalls: back-to-back 10 ms tasks, and 5 ms stalls after 7 ms idle. */
export async function designSight(design: DelayDesign): Promise<{ backToBack?: DelayStats; fromIdle?: DelayStats }> {
  const see = async (fn: () => number | Promise<number>): Promise<DelayStats | undefined> => {
    const probe = design.make();
    const o = { task: 'module' as const, params: { ioMs: 0, cpuIters: 0 }, answers: () => 0, probe };
    await runMain({ ...o, mode: 'sequential', workers: 1, count: 30, target: { fn } });
    return probe.result();
  };
  const backToBack = await see(() => spin(10));
  const fromIdle = await see(async () => {
    await pause(7);
    return spin(5);
  });
  return { ...(backToBack ? { backToBack } : {}), ...(fromIdle ? { fromIdle } : {}) };
}

/** The cost cells every runtime measures: cpu on two workers per transport, the main thread, io. */
export function designCells(threads: Transport, processes: Transport): CostCell[] {
  const name = (t: Transport, n: number) => `${t.mode}/${t.impl} x${n}`;
  return [
    { name: `cpu ${name(threads, 2)}`, task: 'cpu', workers: 2, transport: threads },
    { name: `cpu ${name(processes, 2)}`, task: 'cpu', workers: 2, transport: processes },
    { name: 'cpu sequential/main', task: 'cpu', workers: 1, mode: 'sequential' },
    { name: 'io async/main x8', task: 'io', workers: 8, mode: 'async' },
    { name: `io ${name(threads, 8)}`, task: 'io', workers: 8, transport: threads },
  ];
}

/**
 * The designs benchmark a runner runs with its own transports: what each design sees of known
 * stalls, then its cost on `designCells`. ROUNDS (8), DESIGNS (names, `;` between) and CELLS (name
 * prefixes, `,` between) from the environment.
 */
export async function runDelayDesigns(
  threads: Transport,
  processes: Transport,
  env: Record<string, string | undefined>,
  print: (line: string) => void = console.log,
): Promise<void> {
  const only = env.DESIGNS?.split(';');
  const designs = delayDesigns().filter((d) => !only || only.includes(d.name));
  const f = (x?: { p50Ms: number; p99Ms: number; maxMs: number }) =>
    x ? `p50 ${x.p50Ms.toFixed(2)} p99 ${x.p99Ms.toFixed(2)} max ${x.maxMs.toFixed(2)}` : 'none';
  for (const d of designs) {
    const s = await designSight(d);
    print(`sight | ${d.name} | 10 ms back to back: ${f(s.backToBack)} | 5 ms after 7 ms idle: ${f(s.fromIdle)}`);
  }
  const which = env.CELLS?.split(',');
  const cells = designCells(threads, processes).filter((c) => !which || which.some((w) => c.name.startsWith(w)));
  await designCosts(cells, designs, Number(env.ROUNDS ?? 8), (l) => print(`cost | ${l}`));
}
