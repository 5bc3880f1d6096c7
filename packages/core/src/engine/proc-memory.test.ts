import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { median } from '../analysis/stats.ts';
import { poolMemory, processUss } from './proc-memory.ts';

test.runIf(process.platform === 'linux')('USS of a child process: its own pages, far below its RSS', async () => {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 300));
    const uss = processUss(child.pid as number);
    expect(uss).toBeGreaterThan(1024 * 1024);
    const status = (await import('node:fs')).readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
    expect(uss).toBeLessThan(rss);
  } finally {
    child.kill('SIGKILL');
  }
});

test.runIf(process.platform === 'linux')(
  'processes: USS from /proc; where /proc cannot be read (macOS, Windows), the reported RSS, marked rss',
  async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const workers = [{ pid: child.pid, reportedRss: 7_000_000 }];
      expect(poolMemory('processes', workers, 0, 0, median).method).toBe('uss');
      expect(processUss(child.pid as number, '/no/such/proc')).toBeUndefined();
      expect(poolMemory('processes', workers, 0, 0, median, '/no/such/proc')).toEqual({
        bytesPerWorker: 7_000_000,
        method: 'rss',
      });
    } finally {
      child.kill('SIGKILL');
    }
  },
);

test('a gone process has no USS', () => {
  expect(processUss(2 ** 30)).toBeUndefined();
});

test('threads: the hub RSS growth per worker; processes without /proc fall back to reported RSS, said so', () => {
  expect(poolMemory('threads', [{ reportedRss: 9 }, { reportedRss: 9 }], 100, 300, median)).toEqual({
    bytesPerWorker: 100,
    method: 'rss-growth',
  });
  expect(poolMemory('processes', [{ reportedRss: 40 }, { reportedRss: 60 }], 0, 0, median)).toEqual({
    bytesPerWorker: 50,
    method: 'rss',
  });
});
