import type { TaskKind, TaskParams } from '../format/types.ts';
import { type Answers, expectedAnswers } from './answers.ts';
import { runMain } from './baselines.ts';
import type { CostCell } from './delay-bench.ts';
import { runHub } from './hub-run.ts';
import type { WorkPhaseProbe } from './loop-delay.ts';

/** A probe put on one run of a cost benchmark; its `result` counts the timer callbacks it took. */
export type CostProbe = WorkPhaseProbe & { result(): { samples: number; monitor?: { samples: number } } | undefined };

/** One measured run: its work time, and the probe's timer callbacks a second of it (0 without a probe). */
export interface CostRun {
  workMs: number;
  ticksPerS: number;
}

/** One round of a cell: its run without a probe, and its run with each probe, in the probes' order. */
export interface CostRound {
  bare: CostRun;
  probed: CostRun[];
}

/** The default sweep's task sizes: 100 tasks of about 10 ms. */
const PARAMS: TaskParams = { ioMs: 10, cpuIters: 6_000_000 };
const COUNT = 100;

/**
 * The measuring loop of the sampler cost benchmarks, so that both compare alike. Each round runs a
 * cell once without a probe and once with each of `probes`, in an order rotated by one each round
 * (so drift in the machine's load falls on every probe alike; with one probe that is ABBA), after
 * one unmeasured run with `warm` (none: without a probe). Yields each cell's rounds when it is done,
 * for a benchmark that prints as it goes.
 */
export async function* costRounds(
  cells: readonly CostCell[],
  probes: readonly (() => CostProbe)[],
  rounds: number,
  warm?: () => CostProbe,
): AsyncGenerator<{ cell: CostCell; rounds: CostRound[] }> {
  const answers = new Map<TaskKind, Answers>();
  for (const task of new Set(cells.map((c) => c.task))) {
    answers.set(task, (await expectedAnswers(task, PARAMS, COUNT)) as Answers);
  }
  for (const c of cells) {
    const once = async (make: (() => CostProbe) | undefined): Promise<CostRun> => {
      const probe = make?.();
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
      const seen = probe?.result();
      const ticks = (seen?.samples ?? 0) + (seen?.monitor?.samples ?? 0);
      return { workMs: r.sample.workMs, ticksPerS: (ticks / r.sample.workMs) * 1000 };
    };
    await once(warm);
    // Slot 0 is the bare run, slot k the run with probe k - 1.
    const slots = probes.length + 1;
    const done: CostRound[] = [];
    for (let r = 0; r < rounds; r++) {
      const runs: CostRun[] = new Array(slots);
      for (let k = 0; k < slots; k++) {
        const slot = (k + r) % slots;
        runs[slot] = await once(slot === 0 ? undefined : probes[slot - 1]);
      }
      done.push({ bare: runs[0] as CostRun, probed: runs.slice(1) });
    }
    yield { cell: c, rounds: done };
  }
}
