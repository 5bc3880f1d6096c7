import { spawnSync } from 'node:child_process';
import { alive } from '@tvp/testkit';
import { describe, expect, test } from 'vitest';
import { CLI, onlyResult, run, tmp } from './helpers.ts';

const PYTHON_DIR = new URL('../python/', import.meta.url).pathname;

/**
 * Drive tvp_pools.WarmPool directly in CPython: the pids of its worker processes before and after
 * every batch, and after its close or its failure. Prints one JSON line.
 */
function warmPool(script: string): Record<string, unknown> {
  const code = `
import json, os, sys
sys.path.insert(0, ${JSON.stringify(PYTHON_DIR)})
import tvp_delay as delay, tvp_pools as pools
from tvp_sweep import Job
out = {}
${script}
print(json.dumps(out))`;
  const r = spawnSync(process.env.TVP_PYTHON || 'python3', ['-c', code], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('CPython warm pool', () => {
  test('one executor: the same worker processes for every batch, all gone after the close', () => {
    const out = warmPool(`
pool = pools.WarmPool("ProcessPoolExecutor-fork", 2, 10)
out["before"] = pool.worker_pids()
out["batches"] = []
for _ in range(3):
    sample, _ = pool.batch(Job("io", 6, 2, 0, None), lambda seed: seed, delay.ThreadWakeup())
    out["batches"].append([pool.worker_pids(), sample])
out["warm"] = pool.close()`);
    const before = out.before as number[];
    expect(before).toHaveLength(2);
    for (const [pids, sample] of out.batches as [number[], Record<string, number>][]) {
      expect(pids).toEqual(before);
      expect(sample).toMatchObject({ spawnMs: 0, teardownMs: 0 });
      expect(sample.totalMs).toBe(sample.workMs);
    }
    expect((out.warm as number[])[0]).toBeGreaterThan(0);
    for (const pid of before) expect(alive(pid)).toBe(false);
  });

  test.each(['exit', 'hang'] as const)('a worker that fails (%s) fails the batch and leaves no process', (fault) => {
    const out = warmPool(`
pool = pools.WarmPool("ProcessPoolExecutor-fork", 2, 0.5)
out["pids"] = pool.worker_pids()
try:
    pool.batch(Job("noop", 6, 0, 0, "${fault}"), lambda seed: seed, delay.ThreadWakeup())
    out["error"] = None
except pools.HubError as e:
    out["error"] = str(e)
    pool.kill()`);
    expect(out.error).toMatch(
      fault === 'exit' ? /tasks? (\d+, )*3(, \d+)* failed: BrokenProcessPool/ : /task 3 ran past 500 ms/,
    );
    for (const pid of out.pids as number[]) expect(alive(pid)).toBe(false);
  });

  test('--pool cold,warm through the CLI: both cells, the warm one with its one start', () => {
    const out = tmp();
    const r = run(CLI, [
      ...['--task', 'io', '--mode', 'threads,processes,sequential', '--workers', '2', '--count', '6'],
      ...['--repeat', '2', '--warmup', '0', '--io-ms', '2', '--pool', 'cold,warm', '--out', out, '--quiet'],
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = onlyResult(out);
    expect(result.config.pools).toEqual(['cold', 'warm']);
    expect(result.cells.map((c) => `${c.mode}${c.pool ? ` ${c.pool}` : ''}`)).toEqual([
      'sequential',
      'threads',
      'threads warm',
      'processes',
      'processes warm',
    ]);
    for (const c of result.cells.filter((x) => x.pool === 'warm')) {
      expect(c.samples).toHaveLength(2);
      expect(c.samples.every((s) => s.spawnMs === 0 && s.totalMs === s.workMs)).toBe(true);
      expect(c.warmStart?.spawnMs).toBeGreaterThan(0);
      expect(c.taskTimes?.tasks).toBe(12);
    }
    expect(r.stdout).toMatch(/warm pool vs cold/);
  });
});
