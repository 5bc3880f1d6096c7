import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuWork } from '@tvp/core';
import { expect, test } from 'vitest';

const PY_DIR = fileURLToPath(new URL('../python', import.meta.url));
const PAIRS: Array<[number, number]> = [
  [0, 0],
  [1, 0],
  [1, 1],
  [10, 7],
  [1000, 99],
  [12_345, 2 ** 31 - 1],
  [5, 2 ** 31 + 5],
  [100_000, 123_456],
];

test("CPython's cpu_work gives core's cpuWork answers", () => {
  const code = `import json, sys
sys.path.insert(0, ${JSON.stringify(PY_DIR)})
from tvp_tasks import cpu_work
print(json.dumps([cpu_work(i, s) for i, s in ${JSON.stringify(PAIRS)}]))`;
  const r = spawnSync(process.env.TVP_PYTHON || 'python3', ['-c', code], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const got = JSON.parse(r.stdout) as number[];
  const want = PAIRS.map(([iters, seed]) => cpuWork(iters, seed));
  expect(got).toEqual(want);
  // The seed reaches the state before the first round: no rounds still give distinct answers.
  expect(new Set(want.slice(0, 3)).size).toBe(3);
});
