// Deno's known traps, each with the test that our transports do not fall into it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ExitInfo, runHub, type Transport, type WorkerMessage } from '@tvp/core';
import { describe, expect, test } from 'vitest';
import { childProcess, denoCommand, webWorker, workerThreads } from '../src/index.ts';
import { DENO } from './cli.ts';

/** Start one worker and collect what it says, and its exit. */
function watch(transport: Transport) {
  const got: WorkerMessage[] = [];
  let exit: ExitInfo | undefined;
  let error: Error | undefined;
  const handle = transport.start(
    {
      message: (m) => got.push(m),
      exit: (info) => {
        exit = info;
      },
      error: (err) => {
        error = err;
      },
    },
    { workerEnv: 'inherit' },
  );
  return { handle, got, exit: () => exit, error: () => error };
}

const waitFor = async (check: () => boolean, ms: number) => {
  const end = performance.now() + ms;
  while (!check() && performance.now() < end) await new Promise((r) => setTimeout(r, 5));
  return check();
};

const ALL = [webWorker, workerThreads, childProcess, denoCommand];

describe.each(ALL.map((t) => [t.impl, t] as const))('%s', (_impl, transport) => {
  test('every answer a worker sends right before it leaves arrives, before its exit is reported', async () => {
    const w = watch(transport);
    expect(await waitFor(() => w.got.length === 1, 10_000)).toBe(true);
    // 200 pings and the exit request at once: the worker answers all, then leaves at once.
    for (let id = 0; id < 200; id++) w.handle.send({ t: 'ping', id });
    w.handle.send({ t: 'exit' });
    expect(await waitFor(() => w.exit() !== undefined, 5_000)).toBe(true);
    expect(w.got.filter((m) => m.t === 'pong').map((m) => (m as { id: number }).id)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    expect(w.exit()).toEqual({ code: 0, signal: null });
    expect(w.error()).toBeUndefined();
  });

  test('the first message is never lost, even when this thread is busy right after the start', async () => {
    const ws = Array.from({ length: 4 }, () => {
      const w = watch(transport);
      // Busy before the event loop runs again: a listener attached later would miss `ready`.
      const until = performance.now() + 30;
      while (performance.now() < until) {}
      return w;
    });
    expect(await waitFor(() => ws.every((w) => w.got[0]?.t === 'ready'), 10_000)).toBe(true);
    for (const w of ws) w.handle.send({ t: 'exit' });
    expect(await waitFor(() => ws.every((w) => w.exit() !== undefined), 5_000)).toBe(true);
  });
});

describe.each([webWorker, workerThreads].map((t) => [t.impl, t] as const))('%s', (_impl, transport) => {
  test('a failed run kills its threads and goes on at once, without waiting out the 2 s kill wait', async () => {
    // Deno reports a terminated thread's end inside terminate(): too early for the hub to see it.
    const t0 = performance.now();
    await expect(
      runHub({
        transport,
        workers: 2,
        task: 'noop',
        params: { ioMs: 1, cpuIters: 1 },
        count: 10,
        timeoutMs: 5_000,
        answers: (id) => id,
        workerEnv: 'inherit',
        fault: 'throw',
      }),
    ).rejects.toThrow(/InjectedFault/);
    expect(performance.now() - t0).toBeLessThan(1_500);
  });
});

test('node:worker_threads: 8 workers started at once all start, and leave with code 0 when asked', async () => {
  // Core's thread entry used parentPort.close(), which Deno's parentPort lacks: the worker failed.
  const ws = Array.from({ length: 8 }, () => watch(workerThreads));
  expect(await waitFor(() => ws.every((w) => w.got[0]?.t === 'ready'), 10_000)).toBe(true);
  for (const w of ws) w.handle.send({ t: 'exit' });
  expect(await waitFor(() => ws.every((w) => w.exit() !== undefined), 5_000)).toBe(true);
  for (const w of ws) {
    expect(w.error()).toBeUndefined();
    expect(w.exit()).toEqual({ code: 0, signal: null });
  }
});

test('Deno 2.9.6 still cannot stop a thread in a busy loop (when this fails, drop stuckThreadsKeepRunning)', () => {
  // In a process of its own: the stuck thread burns a core until that process ends. The loop
  // counts in shared memory, so that it is seen running whatever the load of the machine.
  const dir = mkdtempSync(path.join(tmpdir(), 'tvp-stuck-'));
  writeFileSync(
    path.join(dir, 'busy.js'),
    'self.onmessage = (e) => { const n = new Int32Array(e.data); for (;;) Atomics.add(n, 0, 1); };\n',
  );
  writeFileSync(
    path.join(dir, 'host.js'),
    `const n = new Int32Array(new SharedArrayBuffer(4));
    const w = new Worker(new URL('./busy.js', import.meta.url).href, { type: 'module' });
    w.postMessage(n.buffer);
    while (Atomics.load(n, 0) === 0) await new Promise((r) => setTimeout(r, 10));
    w.terminate();
    await new Promise((r) => setTimeout(r, 200));
    const before = Atomics.load(n, 0);
    await new Promise((r) => setTimeout(r, 500));
    console.log(Atomics.load(n, 0) - before);
    Deno.exit(0);`,
  );
  const r = spawnSync(DENO, ['run', '--no-prompt', `--allow-read=${dir}`, path.join(dir, 'host.js')], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  // Between 200 and 700 ms after terminate(), the thread went on counting.
  expect(Number(r.stdout.trim())).toBeGreaterThan(0);
});
