import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DiscoveryError, discoverRunners, findRoot, readRunner } from '../src/discover.ts';
import { makeWorkspace } from './workspace.ts';

const REPO = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const runner = (runtime: string, order: number, sweep = `${runtime} cli.js`) => ({
  json: { name: `@x/runner-${runtime}`, scripts: { sweep }, tvp: { runner: { runtime, order } } },
});

describe('discoverRunners', () => {
  test('finds the packages with tvp.runner, sorted by order, whatever their folder names', () => {
    const root = makeWorkspace({
      a: runner('cpython', 40),
      b: runner('bun', 20),
      c: { json: { name: 'not-a-runner', scripts: { sweep: 'x' } } },
      d: runner('deno', 30),
      e: runner('node', 10),
      f: { json: { name: 'tvp-but-no-runner', tvp: {} } },
    });
    const found = discoverRunners(root);
    expect(found.map((r) => r.runtime)).toEqual(['node', 'bun', 'deno', 'cpython']);
    expect(found[0]).toEqual({
      runtime: 'node',
      order: 10,
      name: '@x/runner-node',
      dir: path.join(root, 'packages', 'e'),
      sweep: 'node cli.js',
    });
  });

  test('equal orders fall back to the runtime name, so the order never depends on the folder listing', () => {
    const root = makeWorkspace({ z: runner('bun', 10), y: runner('node', 10) });
    expect(discoverRunners(root).map((r) => r.runtime)).toEqual(['bun', 'node']);
  });

  test('this repository: node, bun, deno, then cpython, each with its sweep script', () => {
    const found = discoverRunners(REPO);
    expect(found.map((r) => [r.runtime, r.name])).toEqual([
      ['node', '@tvp/runner-node'],
      ['bun', '@tvp/runner-bun'],
      ['deno', '@tvp/runner-deno'],
      ['cpython', '@tvp/runner-python'],
    ]);
    expect(found.slice(0, 2).map((r) => r.sweep)).toEqual(['node dist/cli.js', 'bun src/cli.ts']);
    expect(found[2]?.sweep).toMatch(/^node_modules\/deno\/deno run --no-prompt .* src\/cli\.ts$/);
  });

  test("every runner is a dependency of @tvp/bench: turbo's ^build builds it before the bench runs it", () => {
    const bench = JSON.parse(readFileSync(path.join(REPO, 'packages/bench/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const r of discoverRunners(REPO)) expect(bench.dependencies[r.name], r.name).toBe('workspace:*');
  });

  test.each([
    [{}, /no runner found: no .*packages\/\*\/package\.json has tvp\.runner/],
    [
      { a: runner('node', 1), b: runner('node', 2) },
      /two runners for runtime node: @x\/runner-node and @x\/runner-node/,
    ],
    [{ a: { json: '{ "name": ' } }, /packages\/a\/package\.json: not valid JSON/],
  ])('refuses a workspace that cannot be run: %#', (packages, message) => {
    const root = makeWorkspace(packages);
    expect(() => discoverRunners(root)).toThrow(DiscoveryError);
    expect(() => discoverRunners(root)).toThrow(message);
  });
});

describe('readRunner', () => {
  const read = (pkg: unknown) => readRunner('/w/packages/p/package.json', pkg);
  const declared = (runner: unknown, scripts: unknown = { sweep: 'node cli.js' }) => ({ scripts, tvp: { runner } });

  test('a package without tvp.runner is no runner', () => {
    expect(read({ name: 'x' })).toBeUndefined();
    expect(read({ name: 'x', tvp: {} })).toBeUndefined();
  });

  test('the folder name stands in for a missing package name', () => {
    expect(read(declared({ runtime: 'node', order: 1 }))?.name).toBe('p');
  });

  test.each([
    [{ tvp: 'yes' }, /package\.json: tvp: expected an object/],
    [{ tvp: { runner: true } }, /tvp\.runner: expected an object like/],
    [declared({ order: 1 }), /tvp\.runner\.runtime: expected a lowercase name like "node", got undefined/],
    [declared({ runtime: 'Node JS', order: 1 }), /tvp\.runner\.runtime: .*got "Node JS"/],
    [declared({ runtime: 'node', order: '10' }), /tvp\.runner\.order: expected a number, got "10"/],
    [declared({ runtime: 'node' }), /tvp\.runner\.order: expected a number, got undefined/],
    [declared({ runtime: 'node', order: 1 }, {}), /scripts\.sweep: a runner needs a sweep script/],
    [declared({ runtime: 'node', order: 1 }, { sweep: '  ' }), /scripts\.sweep: a runner needs/],
    [
      declared({ runtime: 'node', order: 1 }, { sweep: 'tsc && node cli.js' }),
      /scripts\.sweep: expected one command without shell operators, got "tsc && node cli.js"/,
    ],
    [declared({ runtime: 'node', order: 1 }, { sweep: 'node cli.js | tee log' }), /without shell operators/],
  ])('refuses %j, naming the file and the field', (pkg, message) => {
    expect(() => read(pkg)).toThrow(DiscoveryError);
    expect(() => read(pkg)).toThrow(/^\/w\/packages\/p\/package\.json: /);
    expect(() => read(pkg)).toThrow(message);
  });
});

describe('findRoot', () => {
  test('the nearest folder holding pnpm-workspace.yaml, from any folder inside it', () => {
    const root = makeWorkspace({});
    const deep = path.join(root, 'packages', 'bench', 'dist');
    mkdirSync(deep, { recursive: true });
    expect(findRoot(deep)).toBe(root);
    expect(findRoot(root)).toBe(root);
    expect(findRoot(fileURLToPath(new URL('.', import.meta.url)))).toBe(REPO);
  });

  test('none above: an error naming where it looked', () => {
    expect(() => findRoot('/')).toThrow(/no pnpm-workspace\.yaml in \/ or above it/);
  });
});
