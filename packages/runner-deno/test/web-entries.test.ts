import { fromAnswerWire, workerEntry } from '@tvp/core';
import { describe, expect, test } from 'vitest';

/** Messages from a Web Worker running `entry` under fixtures/post-args.js, as they come. */
function wrapped(entry: 'web' | 'web-bare') {
  const url = new URL('./fixtures/post-args.js', import.meta.url);
  url.searchParams.set('entry', workerEntry(entry).href);
  // web.js reads its setup from the name: an empty one, as the transport gives a built-in task.
  const w = new Worker(url.href, { type: 'module', name: '{}' });
  const queue: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  w.addEventListener('message', (e) => {
    const m = (e as MessageEvent).data as Record<string, unknown>;
    const next = waiting.shift();
    if (next) next(m);
    else queue.push(m);
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) => {
      const m = queue.shift();
      if (m) resolve(m);
      else waiting.push(resolve);
    });
  return { w, next };
}

// Deno's first postMessage with a second argument, even an empty list, costs 1.6-6.5 ms: the
// entries pass one only with a buffer to move (core's post-message.ts).
describe.each(['web', 'web-bare'] as const)("core's %s entry on Deno", (entry) => {
  test('posts ready and plain answers without a transfer list, and a moved buffer with one', async () => {
    const { w, next } = wrapped(entry);
    try {
      expect(await next()).toMatchObject({ t: 'ready', postArgs: 1 });
      w.postMessage({ t: 'task', id: 1, kind: 'noop' });
      const noop = await next();
      expect(noop.postArgs).toBe(1);
      expect(fromAnswerWire(noop.answer)).toMatchObject({ t: 'done', id: 1, value: 1 });
      const bytes = new Uint8Array(64).fill(7).buffer;
      w.postMessage({ t: 'task', id: 2, kind: 'payload', way: 'transfer', payload: bytes }, [bytes]);
      expect(bytes.byteLength).toBe(0);
      const moved = await next();
      expect(moved.postArgs).toBe(2);
      const done = fromAnswerWire(moved.answer);
      expect(done).toMatchObject({ t: 'done', id: 2 });
      expect((done as { payload: ArrayBuffer }).payload.byteLength).toBe(64);
      w.postMessage({ t: 'exit' });
      expect(await next()).toMatchObject({ t: 'exited', code: 0, postArgs: 1 });
    } finally {
      w.terminate();
    }
  });
});
