import { median } from '../analysis/stats.ts';
import type { TaskKind, TaskParams } from '../format/types.ts';
import { type Answers, expectedAnswers } from './answers.ts';
import { runMain } from './baselines.ts';
import { runHub } from './hub-run.ts';
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

/** The default sweep's task sizes: 100 tasks of about 10 ms. */
const PARAMS: TaskParams = { ioMs: 10, cpuIters: 6_000_000 };
const COUNT = 100;

/**
 * The event-loop delay sampler's own cost: for each cell, `pairs` pairs of identical hub runs, one
 * without the sampler and one with it, back to back and in alternating order (ABBA), after one
 * unmeasured run; the figure is the median of the per-pair ratios of work time.
 */
export async function samplerCost(cells: readonly CostCell[], pairs: number): Promise<CostRow[]> {
  const answers = new Map<TaskKind, Answers>();
  for (const task of new Set(cells.map((c) => c.task))) {
    answers.set(task, (await expectedAnswers(task, PARAMS, COUNT)) as Answers);
  }
  const rows: CostRow[] = [];
  for (const c of cells) {
    const once = async (sampled: boolean): Promise<number> => {
      const probe = sampled ? new LoopDelayProbe() : undefined;
      const common = { task: c.task, params: PARAMS, count: COUNT, answers: answers.get(c.task) as Answers, probe };
      const r = c.transport
        ? await runHub({
            ...common,
            transport: c.transport,
            workers: c.workers,
            timeoutMs: 60_000,
            workerEnv: 'inherit',
          })
        : await runMain({ ...common, mode: c.mode ?? 'sequential', workers: c.workers });
      return r.sample.workMs;
    };
    await once(true);
    const without: number[] = [];
    const withIt: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < pairs; i++) {
      // ABBA: without first in even pairs, with first in odd ones.
      let off: number;
      let on: number;
      if (i % 2 === 0) {
        off = await once(false);
        on = await once(true);
      } else {
        on = await once(true);
        off = await once(false);
      }
      without.push(off);
      withIt.push(on);
      ratios.push(on / off);
    }
    rows.push({ name: c.name, pairs, withoutMs: median(without), withMs: median(withIt), ratio: median(ratios) });
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
