import { expect, test } from 'vitest';
import { bunAdapter } from '../src/index.ts';

test('these tests really run on Bun, and the adapter says so', () => {
  expect(typeof Bun.version).toBe('string');
  expect(process.versions.bun).toBe(Bun.version);
  expect(bunAdapter.runtime).toBe('bun');
  expect(bunAdapter.runtimeVersion).toBe(Bun.version);
});

test("Bun's own primitives are the defaults, the node-compatible ones are there for --impl", () => {
  expect(bunAdapter.defaultImpls).toEqual(['web-worker', 'bun-spawn']);
  expect(bunAdapter.transports.map((t) => `${t.mode}/${t.impl}`)).toEqual([
    'threads/web-worker',
    'threads/worker_threads',
    'processes/bun-spawn',
    'processes/child_process',
  ]);
});
