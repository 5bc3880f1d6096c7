import type { ResultFile, TaskKind } from '../format/types.ts';
import { hasPhases } from './clock.ts';
import { fmtMs } from './numbers.ts';
import { isWarm } from './pools.ts';
import { warmPairLine, warmPairs } from './warm-pairs.ts';

/**
 * Warm pools against cold in words, for the run's terminal summary and the Markdown summary alike:
 * a heading line, then per task one line per mode, impl and workers where both ran (`warmPairLine`,
 * and the warm pool's one start and end). Undefined when the run kept no pool warm.
 */
export interface WarmText {
  head: string;
  tasks: { task: TaskKind; lines: string[] }[];
}

/** The warm-vs-cold words of a run, or undefined without warm cells (see `WarmText`). */
export function warmText(r: ResultFile): WarmText | undefined {
  if (!r.cells.some(isWarm)) return undefined;
  if (!hasPhases(r)) {
    return {
      head: "warm pools: not compared with cold under the article clock (its cold work overlaps the workers' start); rerun with --clock phases",
      tasks: [],
    };
  }
  const pairs = warmPairs(r);
  if (pairs.length === 0)
    return { head: 'warm pools: no warm cell ran ok beside a cold one (--pool cold,warm)', tasks: [] };
  const tasks = r.config.tasks.flatMap((task) => {
    const of = pairs.filter((p) => p.task === task);
    if (of.length === 0) return [];
    const lines = of.map((p) => {
      const once = p.warmStart
        ? `; started once in ${fmtMs(p.warmStart.spawnMs)} ms, ended in ${fmtMs(p.warmStart.teardownMs)} ms`
        : '';
      return `${warmPairLine(p)}${once}`;
    });
    return [{ task, lines }];
  });
  return {
    head: 'warm pool vs cold (median work ms of a batch; warm: the same workers for every batch, first batch thrown away; ratio warm / cold, 95% exact bootstrap interval, within this run):',
    tasks,
  };
}
