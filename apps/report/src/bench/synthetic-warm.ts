import type { Cell, ResultFile, TaskKind } from '@tvp/core';
import { median, seeded } from '@tvp/core/analysis';

/** How much less work a warm pool's batch takes than a cold one, by task: cpu gains the workers' compiled code, io little. */
const WARM_SHARE: Partial<Record<TaskKind, number>> = { io: 0.97, cpu: 0.6 };

/**
 * A run as `--pool cold,warm` writes it, from a cold run: beside each worker cell a warm cell of
 * the same task, mode, impl and workers whose samples are work alone (spawn and teardown 0, total
 * = work, each batch a share of the cold work), its one spawn and teardown in `warmStart`.
 */
export function withWarm(cold: ResultFile, seed = 7): ResultFile {
  const rand = seeded(seed);
  const warm: Cell[] = cold.cells
    .filter((c) => (c.mode === 'threads' || c.mode === 'processes') && c.status === 'ok')
    .map((c) => ({
      task: c.task,
      mode: c.mode,
      impl: c.impl,
      workers: c.workers,
      status: 'ok',
      pool: 'warm',
      samples: c.samples.map((s) => {
        const workMs = s.workMs * (WARM_SHARE[c.task] ?? 0.9) * (1 + (rand() - 0.5) * 0.04);
        return { totalMs: workMs, spawnMs: 0, workMs, teardownMs: 0 };
      }),
      warmStart: {
        spawnMs: median(c.samples.map((s) => s.spawnMs)),
        teardownMs: median(c.samples.map((s) => s.teardownMs)),
      },
    }));
  return {
    ...cold,
    id: cold.id.replace(/-fixture$/, '-warm-fixture'),
    config: { ...cold.config, pools: ['cold', 'warm'] },
    cells: [...cold.cells, ...warm],
  };
}
