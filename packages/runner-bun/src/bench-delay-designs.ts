// Event-loop delay sampler designs compared in one interleaved run: the cost of each on the cpu
// worker cells (and the main-thread and io cells), and what each sees of known stalls
// (`pnpm --filter @tvp/runner-bun bench:delay-designs`, ROUNDS=8 by default; DESIGNS and CELLS: names to keep, `;` and `,` between them).
import { runDelayDesigns } from '@tvp/core';
import { bunSpawn as processes, webWorker as threads } from './transports.ts';

await runDelayDesigns(threads, processes, process.env);
