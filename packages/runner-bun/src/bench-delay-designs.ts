// Event-loop delay sampler designs compared in one interleaved run: the cost of each on the cpu
// worker cells (and the main-thread and io cells), and what each sees of known stalls
// (`pnpm --filter @tvp/runner-bun bench:delay-designs`, ROUNDS=8 by default; DESIGNS and CELLS: names to keep, `;` and `,` between them).
import { delayDesigns, designCosts, designSight } from '@tvp/core';
import { bunSpawn as processes, webWorker as threads } from './transports.ts';

const rounds = Number(process.env.ROUNDS ?? 8);
const designs = delayDesigns();
const only = process.env.DESIGNS?.split(';');
const picked = only ? designs.filter((d) => only.includes(d.name)) : designs;
for (const d of picked) {
  const s = await designSight(d);
  const f = (x?: { p50Ms: number; p99Ms: number; maxMs: number }) =>
    x ? `p50 ${x.p50Ms.toFixed(2)} p99 ${x.p99Ms.toFixed(2)} max ${x.maxMs.toFixed(2)}` : 'none';
  console.log(`sight | ${d.name} | 10 ms back to back: ${f(s.backToBack)} | 5 ms after 7 ms idle: ${f(s.fromIdle)}`);
}
const cells = [
  { name: 'cpu threads/web-worker x2', task: 'cpu' as const, workers: 2, transport: threads },
  { name: 'cpu processes/bun-spawn x2', task: 'cpu' as const, workers: 2, transport: processes },
  { name: 'cpu sequential/main', task: 'cpu' as const, workers: 1, mode: 'sequential' as const },
  { name: 'io async/main x8', task: 'io' as const, workers: 8, mode: 'async' as const },
  { name: 'io threads/web-worker x8', task: 'io' as const, workers: 8, transport: threads },
];
const which = process.env.CELLS?.split(',');
await designCosts(which ? cells.filter((c) => which.some((w) => c.name.startsWith(w))) : cells, picked, rounds, (l) =>
  console.log(`cost | ${l}`),
);
