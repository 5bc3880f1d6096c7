import { fmtBytes } from '../analysis/numbers.ts';
import {
  breakEvenLine,
  breakEvens,
  isFitted,
  MOVING_COST_BASIS,
  movingCostLine,
  payloadSeries,
} from '../analysis/payload-costs.ts';
import type { ResultFile } from '../format/types.ts';

const pad = (s: string, n: number) => s.padStart(n);
const cost = (us: number) =>
  us >= 1000 ? `${(us / 1000).toFixed(us >= 10_000 ? 0 : 1)} ms` : `${us.toFixed(us >= 100 ? 0 : 1)} us`;

/**
 * The payload task in the terminal summary: cost per task by size for each way at 1 worker, the
 * moving cost fitted as fixed + per KB, and where offloading stops paying.
 */
export function payloadLines(r: ResultFile): string[] {
  const series = payloadSeries(r);
  if (series.length === 0) return [];
  const sizes = [...new Set(series.flatMap((s) => s.points.map((p) => p.bytes)))].sort((a, b) => a - b);
  const label = (s: (typeof series)[number]) => `${s.mode}/${s.impl}${s.way ? ` ${s.way}` : ' (work alone)'}`;
  const w = Math.max(...series.map((s) => label(s).length)) + 2;
  const lines = [
    `payload: median cost per task at 1 worker over ${r.config.repeat} runs (work phase / ${r.config.count} tasks), by size`,
    `${'way'.padEnd(w)}${sizes.map((b) => pad(fmtBytes(b), 11)).join('')}`,
  ];
  for (const s of series) {
    const cells = sizes.map((b) => {
      const p = s.points.find((x) => x.bytes === b);
      return pad(p ? cost(p.costUs) : '-', 11);
    });
    lines.push(`${label(s).padEnd(w)}${cells.join('')}`);
  }
  const fitted = series.filter(isFitted);
  if (fitted.length > 0) {
    lines.push('', `${MOVING_COST_BASIS}:`);
    for (const s of fitted) lines.push(`  ${movingCostLine(s)}`);
    for (const b of breakEvens(series)) lines.push(`  ${breakEvenLine(b)}`);
    lines.push(
      '  (derived: at 1 worker a task waits for its bytes to go and come back; work below that cost is done sooner in place)',
    );
  }
  return lines;
}
