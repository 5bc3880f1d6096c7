import { readFileSync, realpathSync } from 'node:fs';
import { expect, test } from 'vitest';
import { denoAdapter } from '../src/index.ts';
import { DENO_PERMISSIONS } from '../src/permissions.ts';
import { DENO } from './cli.ts';

test('these tests really run on Deno, and the adapter says so', () => {
  expect(typeof Deno).toBe('object');
  expect(typeof Deno.version.deno).toBe('string');
  expect(denoAdapter.runtime).toBe('deno');
  expect(denoAdapter.runtimeVersion).toBe(Deno.version.deno);
  expect(Deno.version.deno).toBe('2.9.6');
});

test('the defaults are the faster of each kind; the others are there for --impl', () => {
  expect(denoAdapter.defaultImpls).toEqual(['web-worker', 'child_process']);
  expect(denoAdapter.transports.map((t) => `${t.mode}/${t.impl}`)).toEqual([
    'threads/web-worker',
    'threads/worker_threads',
    'processes/child_process',
    'processes/deno-command',
  ]);
});

test('Deno comes from the npm package as the binary itself, not a Node shim, and runs these tests', () => {
  const head = readFileSync(DENO).subarray(0, 4);
  expect([...head]).toEqual([0x7f, 0x45, 0x4c, 0x46]); // an ELF executable
  expect(realpathSync(Deno.execPath())).toBe(realpathSync(DENO));
});

test('the sweep script starts the CLI with the Deno binary and exactly the documented permissions', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  expect(pkg.scripts.sweep).toBe(`node_modules/deno/deno run --no-prompt ${DENO_PERMISSIONS.join(' ')} src/cli.ts`);
  expect(pkg.scripts.bench).toBeUndefined();
  expect(pkg.tvp).toEqual({ runner: { runtime: 'deno', order: 30 } });
});
