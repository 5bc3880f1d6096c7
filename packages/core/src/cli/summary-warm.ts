import { warmText } from '../analysis/warm-words.ts';
import type { ResultFile } from '../format/types.ts';

/**
 * Warm pools against cold, per task, one line per mode, impl and workers where both ran: the
 * median work time of a batch on each, their ratio (warm / cold) and its interval. The table
 * above shows cold cells only: a warm cell's total is its work.
 */
export function warmLines(r: ResultFile): string[] {
  const w = warmText(r);
  if (w === undefined) return [];
  return [w.head, ...w.tasks.flatMap((t) => [`  ${t.task}:`, ...t.lines.map((l) => `    ${l}`)])];
}
