import { fmtMs, taskTitle } from '../analysis/numbers.ts';
import { LATENCY_KNEE_FACTOR, loadCurves, serveAdvice } from '../analysis/serving.ts';
import type { ResultFile } from '../format/types.ts';

/**
 * The summary's part for tasks that arrived over time: per task, each option's p99 response at
 * each rate (or that it could not keep up), its knee, then what serves each rate best.
 */
export function servingLines(r: ResultFile): string[] {
  const a = r.config.arrival;
  if (!a) return [];
  const lines: string[] = [
    `tasks arriving over time (${a.kind}, seed ${a.seed}; response from arrival to answer; a rate answered below ${Math.round(a.sustainShare * 100)}% of itself is not sustained; knee: the highest rate before p99 passes ${LATENCY_KNEE_FACTOR}x its lowest-rate value):`,
  ];
  const title = (task: string) => taskTitle(task, r.config.taskModule?.name);
  for (const task of r.config.tasks) {
    const curves = loadCurves(r, task);
    if (curves.length === 0) continue;
    lines.push(`  ${title(task)}`);
    for (const c of curves) {
      const name =
        c.mode === 'async' || c.mode === 'sequential' ? `${c.mode} x${c.workers}` : `${c.mode}/${c.impl} x${c.workers}`;
      const at = c.points.map((p) =>
        p.sustained
          ? `${p.rate}/s p50 ${fmtMs(p.responseMs.p50)} p99 ${fmtMs(p.responseMs.p99)} ms`
          : `${p.rate}/s not sustained (answered ${p.throughput.toPrecision(3)}/s of ${p.offered.toPrecision(3)}/s offered)`,
      );
      lines.push(`    ${name}: ${at.join(' · ')}${c.knee !== undefined ? `; knee ${c.knee}/s` : ''}`);
    }
  }
  const advice = serveAdvice(r);
  if (advice.length > 0) {
    lines.push('for a server (lowest p99 at each rate; the batch recommendation is below):');
    for (const s of advice) lines.push(`  ${title(s.task)} ${s.sentence}`);
  }
  return lines;
}
