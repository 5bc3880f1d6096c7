import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { type CpuCounters, otherCpuShare, readCpuCounters } from './cpu-share.ts';

const busyFor = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {}
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the share arithmetic: others = machine busy minus own, over machine total', () => {
  const a: CpuCounters = { machineBusy: 1000, machineTotal: 5000, own: 100 };
  expect(otherCpuShare(a, { machineBusy: 1300, machineTotal: 5400, own: 200 })).toBeCloseTo(0.5, 10);
  expect(otherCpuShare(a, { machineBusy: 1100, machineTotal: 5400, own: 200 })).toBe(0);
  expect(otherCpuShare(a, a)).toBe(0);
});

test('without /proc (macOS, Windows): no counters, so the run records no share and warns from the load average', () => {
  expect(readCpuCounters('/no/such/proc')).toBeUndefined();
});

test.runIf(process.platform === 'linux')(
  'on Linux: own work is not counted, another process busy on a core is',
  async () => {
    const a = readCpuCounters() as CpuCounters;
    expect(a.machineTotal).toBeGreaterThan(0);
    busyFor(600);
    const b = readCpuCounters() as CpuCounters;
    const own = otherCpuShare(a, b);

    const hog = spawn(process.execPath, ['-e', 'const e = Date.now() + 1500; while (Date.now() < e) {}'], {
      stdio: 'ignore',
    });
    await sleep(200); // let it start
    const c = readCpuCounters() as CpuCounters;
    await sleep(800);
    const d = readCpuCounters() as CpuCounters;
    hog.kill();
    const other = otherCpuShare(c, d);
    // One busy core of the machine's cores, give or take what else runs here.
    expect(other).toBeGreaterThan(own);
    expect(other).toBeGreaterThan(0.5 / (await import('node:os')).cpus().length);
  },
);
