import { poolSuite } from '@tvp/testkit';
import { expect, test } from 'vitest';
import { bunPools } from '../src/pools.ts';
import { CLI, results, run, tmp } from './cli.ts';

// Every library pool that runs on Bun, against the conformance suite; a child runner that is
// killed outright finds them through the same export.
poolSuite(
  'bun',
  bunPools.filter((p) => p.unsupported === undefined),
  { moduleUrl: new URL('../src/pools.ts', import.meta.url), exportName: 'bunPools' },
);

test.each([
  ['workerpool', 'threads'],
  ['workerpool-process', 'processes'],
])('--impl %s is refused on Bun: exit 2 with the reason', (impl, mode) => {
  const out = tmp();
  const r = run([process.execPath, CLI, '--impl', impl, '--mode', mode, '--out', out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`--impl ${impl} does not run on bun: workerpool 10.0.3's worker script`));
  expect(results(out)).toHaveLength(0);
});

test('--impl piscina,tinypool,poolifier,workerpool-web,... runs on Bun and records each library', () => {
  const out = tmp();
  const impls = ['piscina', 'tinypool', 'poolifier', 'workerpool-web', 'tinypool-process', 'poolifier-cluster'];
  const r = run([
    process.execPath,
    CLI,
    ...['--impl', impls.join(','), '--mode', 'threads,processes'],
    ...['--task', 'noop,cpu', '--workers', '2', '--count', '4', '--repeat', '1', '--warmup', '0'],
    ...['--cpu-iters', '10000', '--quiet', '--out', out],
  ]);
  expect(r.stderr).not.toMatch(/^error:/m);
  expect(r.code).toBe(0);
  const [res] = results(out);
  expect(res?.cells.map((c) => `${c.task} ${c.impl} ${c.status}`)).toEqual(
    ['noop', 'cpu'].flatMap((t) => impls.map((i) => `${t} ${i} ok`)),
  );
  expect(res?.libraries?.map((l) => l.name)).toEqual([
    'piscina',
    'tinypool',
    'poolifier',
    'tinypool',
    'poolifier',
    'workerpool',
  ]);
});
