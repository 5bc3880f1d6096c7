import { hasPhases } from '../analysis/clock.ts';
import { fmtMs } from '../analysis/numbers.ts';
import { isWarm } from '../analysis/pools.ts';
import { warmPairLine, warmPairs } from '../analysis/warm-pairs.ts';
import type { ResultFile } from '../format/types.ts';

/**
 * Warm pools against cold, per task, one line per mode, impl and workers where both ran: the
 * median work time of a batch on each, their ratio (warm / cold) and its interval. The table
 * above shows cold cells only: a warm cell's total is its work.
 */
export function warmLines(r: ResultFile): string[] {
  if (!r.cells.some(isWarm)) return [];
  if (!hasPhases(r)) {
    return [
      "warm pools: not compared with cold under the article clock (its cold work overlaps the workers' start); rerun with --clock phases",
    ];
  }
  const pairs = warmPairs(r);
  if (pairs.length === 0) return ['warm pools: no warm cell ran ok beside a cold one (--pool cold,warm)'];
  const lines = [
    'warm pool vs cold (median work ms of a batch; warm: the same workers for every batch, first batch thrown away; ratio warm / cold, 95% exact bootstrap interval, within this run):',
  ];
  for (const task of r.config.tasks) {
    const of = pairs.filter((p) => p.task === task);
    if (of.length === 0) continue;
    lines.push(`  ${task}:`);
    for (const p of of) {
      const once = p.warmStart
        ? `; started once in ${fmtMs(p.warmStart.spawnMs)} ms, ended in ${fmtMs(p.warmStart.teardownMs)} ms`
        : '';
      lines.push(`    ${warmPairLine(p)}${once}`);
    }
  }
  return lines;
}
