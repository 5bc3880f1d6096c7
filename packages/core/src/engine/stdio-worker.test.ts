import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { encodeFrame, FrameDecoder } from './frames.ts';
import type { WorkerMessage } from './protocol.ts';
import { workerEntry } from './worker-entries.ts';

/** Core's built stdio entry as a Node child, its frames decoded, its exit awaited. */
function startStdioWorker() {
  const child = spawn(process.execPath, [workerEntry('stdio').pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const got: WorkerMessage[] = [];
  const decoder = new FrameDecoder();
  child.stdout.on('data', (chunk: Buffer) => got.push(...(decoder.push(chunk) as WorkerMessage[])));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, got, exited, send: (msg: unknown) => child.stdin.write(encodeFrame(msg)) };
}

// The entry Deno.Command starts, run here on Node: it uses only node:process streams.
describe('the stdio worker entry, on Node', () => {
  test('says ready, runs tasks, answers every ping sent before `exit`, then leaves with code 0', async () => {
    const w = startStdioWorker();
    w.send({ t: 'task', id: 1, kind: 'io', ioMs: 5, cpuIters: 0 });
    for (let id = 0; id < 100; id++) w.send({ t: 'ping', id });
    await new Promise((r) => setTimeout(r, 200));
    w.send({ t: 'exit' });
    expect(await w.exited).toBe(0);
    expect(w.got[0]).toMatchObject({ t: 'ready' });
    expect(w.got).toContainEqual(expect.objectContaining({ t: 'done', id: 1, value: 1 }));
    expect(w.got.filter((m) => m.t === 'pong')).toHaveLength(100);
  });

  test('a task that throws is reported by name, and the worker goes on', async () => {
    const w = startStdioWorker();
    w.send({ t: 'task', id: 2, kind: 'noop', ioMs: 0, cpuIters: 0, fault: 'throw' });
    w.send({ t: 'task', id: 3, kind: 'noop', ioMs: 0, cpuIters: 0 });
    await new Promise((r) => setTimeout(r, 200));
    w.send({ t: 'exit' });
    expect(await w.exited).toBe(0);
    expect(w.got.find((m) => m.t === 'fail')).toMatchObject({ id: 2, error: { name: 'InjectedFault' } });
    expect(w.got).toContainEqual(expect.objectContaining({ t: 'done', id: 3, value: 3 }));
  });

  test('a task carries only what its kind reads: a bare noop runs, a cpu task without cpuIters fails by name', async () => {
    const w = startStdioWorker();
    w.send({ t: 'task', id: 4, kind: 'noop' });
    w.send({ t: 'task', id: 5, kind: 'cpu' });
    w.send({ t: 'task', id: 6, kind: 'cpu', cpuIters: 10 });
    await new Promise((r) => setTimeout(r, 200));
    w.send({ t: 'exit' });
    expect(await w.exited).toBe(0);
    expect(w.got).toContainEqual(expect.objectContaining({ t: 'done', id: 4, value: 4 }));
    expect(w.got.find((m) => m.t === 'fail')).toMatchObject({
      id: 5,
      error: { message: 'a cpu task needs cpuIters, which its message did not carry' },
    });
    expect(w.got).toContainEqual(expect.objectContaining({ t: 'done', id: 6 }));
  });

  test('when its stdin ends (the hub went away) it leaves at once', async () => {
    const w = startStdioWorker();
    w.child.stdin.end();
    expect(await w.exited).toBe(0);
  });
});
