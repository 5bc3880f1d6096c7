import { median } from '../analysis/stats.ts';
import type { TaskKind } from '../format/types.ts';
import { type CostRun, costRounds } from './cost-rounds.ts';
import { LoopDelayProbe } from './loop-delay.ts';
import type { Transport } from './transport.ts';

/** One cell of the sampler's cost benchmark: a worker transport, or the main thread when none. */
export interface CostCell {
  name: string;
  task: TaskKind;
  workers: number;
  transport?: Transport;
  /** Main-thread cells: `sequential` or `async`. */
  mode?: 'sequential' | 'async';
}

/** One cell's figures: median work time without and with the sampler, and the median of the pair ratios. */
export interface CostRow {
  name: string;
  pairs: number;
  withoutMs: number;
  withMs: number;
  /** Median over the pairs of (work with) / (work without), each pair run back to back. */
  ratio: number;
}

/**
 * The event-loop delay sampler's own cost: for each cell, `pairs` pairs of identical hub runs, one
 * without the sampler and one with it, back to back and in alternating order (ABBA), after one
 * unmeasured run with it; the figure is the median of the per-pair ratios of work time.
 */
export async function samplerCost(cells: readonly CostCell[], pairs: number): Promise<CostRow[]> {
  const sampler = () => new LoopDelayProbe();
  const rows: CostRow[] = [];
  for await (const { cell, rounds } of costRounds(cells, [sampler], pairs, sampler)) {
    const without = rounds.map((r) => r.bare.workMs);
    const withIt = rounds.map((r) => (r.probed[0] as CostRun).workMs);
    const ratios = withIt.map((on, i) => on / (without[i] as number));
    rows.push({ name: cell.name, pairs, withoutMs: median(without), withMs: median(withIt), ratio: median(ratios) });
  }
  return rows;
}

/** The benchmark's table, for a terminal and the README. */
export function formatCostTable(rows: readonly CostRow[], runtime: string): string {
  const lines = [
    `event-loop delay sampler's cost on ${runtime}: work time of 100 tasks of 10 ms, median ms without and with it, and the median of the pair ratios`,
    '| cell | pairs | without | with | ratio |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.pairs} | ${r.withoutMs.toFixed(1)} | ${r.withMs.toFixed(1)} | ${r.ratio.toFixed(4)} |`,
    );
  }
  return lines.join('\n');
}
