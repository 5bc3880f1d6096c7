import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

const SCRIPT = new URL('../python/bench_delay.py', import.meta.url).pathname;

// The samplers' cost benchmark is run by hand on a quiet machine; this keeps it runnable (its hub
// calls changed shape once and it broke unnoticed): one pair of 4 tasks per cell, every cell printed.
test('bench_delay.py runs every cell and prints a ratio for each', () => {
  const r = spawnSync(process.env.TVP_PYTHON || 'python3', [SCRIPT, '1', '4'], { encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const ratios = [...r.stdout.matchAll(/median ratio (\d+\.\d{4})/g)].map((m) => Number(m[1]));
  expect(ratios).toHaveLength(4);
  for (const x of ratios) expect(x).toBeGreaterThan(0);
});
