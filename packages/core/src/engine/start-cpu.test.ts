import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { processCpuMs, processTreeCpuMs, workerProcessesCpuMs } from './start-cpu.ts';
import type { WorkerHandle } from './transport.ts';

const root = mkdtempSync(path.join(tmpdir(), 'tvp-proc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("a process's CPU is every thread's schedstat run time, summed, in ms; unreadable is NaN", () => {
  for (const [tid, ns] of [
    ['41', 2_500_000],
    ['42', 500_000],
  ] as const) {
    mkdirSync(path.join(root, '41', 'task', tid), { recursive: true });
    writeFileSync(path.join(root, '41', 'task', tid, 'schedstat'), `${ns} 123 4\n`);
  }
  expect(processTreeCpuMs(41, root)).toBe(3);
  expect(processTreeCpuMs(99, root)).toBeNaN();
});

test("the workers' CPU is NaN when any worker cannot be read (a thread has no pid)", () => {
  const thread = { send() {}, kill() {} } as WorkerHandle;
  expect(workerProcessesCpuMs([])).toBe(0);
  expect(workerProcessesCpuMs([thread])).toBeNaN();
});

test.runIf(process.platform === 'linux')("a live process's CPU grows while it works; this process's clock too", () => {
  const [tree0, own0] = [processTreeCpuMs(process.pid), processCpuMs([])];
  const until = performance.now() + 30;
  while (performance.now() < until) {}
  expect(processTreeCpuMs(process.pid)).toBeGreaterThan(tree0 + 10);
  expect(processCpuMs([])).toBeGreaterThan(own0 + 10);
});
