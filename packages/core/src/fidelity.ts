import { coresOf } from './analysis.ts';
import { idealSpeedup, median } from './stats.ts';
import type { Cell, ResultFile } from './types.ts';

/** One check that the harness measures the work and not itself. */
export interface FidelityCheck {
  name: 'cpu-1-worker-vs-inline' | 'cpu-threads-at-cores' | 'io-at-8-workers';
  mode: Cell['mode'];
  impl: string;
  /** What was measured, as a ratio (see `goal`). */
  value: number;
  /** The bound the value is held to, in words. */
  goal: string;
  pass: boolean;
}

const medianWork = (c: Cell | undefined) =>
  c && c.status === 'ok' ? median(c.samples.map((s) => s.workMs)) : undefined;

/**
 * The fidelity goals, from work time (no spawn, no teardown), for every worker transport in a
 * file that has the cells they need:
 * - cpu at 1 worker within 5% of the same tasks run inline (`sequential`);
 * - cpu on threads at N = cores: speedup at least 0.9 x cores;
 * - io at 8 workers: speedup at least 0.95 x the ideal.
 */
export function fidelityChecks(r: ResultFile): FidelityCheck[] {
  const out: FidelityCheck[] = [];
  const find = (task: string, mode: string, impl: string, workers: number) =>
    r.cells.find((c) => c.task === task && c.mode === mode && c.impl === impl && c.workers === workers);
  const cores = coresOf(r.env);
  const inline = medianWork(find('cpu', 'sequential', 'main', 1));
  const transports = [
    ...new Set(
      r.cells.filter((c) => c.mode === 'threads' || c.mode === 'processes').map((c) => `${c.mode}\u0000${c.impl}`),
    ),
  ];
  for (const t of transports) {
    const [mode, impl] = t.split('\u0000') as [Cell['mode'], string];
    const cpu1 = medianWork(find('cpu', mode, impl, 1));
    if (inline !== undefined && cpu1 !== undefined) {
      const value = cpu1 / inline;
      out.push({
        name: 'cpu-1-worker-vs-inline',
        mode,
        impl,
        value,
        goal: 'within 5% of inline (0.95..1.05)',
        pass: Math.abs(value - 1) <= 0.05,
      });
    }
    const cpuN = medianWork(find('cpu', mode, impl, cores));
    if (mode === 'threads' && cpu1 !== undefined && cpuN !== undefined) {
      const value = cpu1 / cpuN;
      out.push({
        name: 'cpu-threads-at-cores',
        mode,
        impl,
        value,
        goal: `speedup at ${cores} workers >= ${(0.9 * cores).toFixed(2)}`,
        pass: value >= 0.9 * cores,
      });
    }
    const io1 = medianWork(find('io', mode, impl, 1));
    const io8 = medianWork(find('io', mode, impl, 8));
    const ideal = idealSpeedup('io', 8, r.config.count, cores) as number;
    if (io1 !== undefined && io8 !== undefined) {
      const value = io1 / io8 / ideal;
      out.push({
        name: 'io-at-8-workers',
        mode,
        impl,
        value,
        goal: `speedup >= 0.95 x ideal ${ideal.toFixed(2)}`,
        pass: value >= 0.95,
      });
    }
  }
  return out;
}
