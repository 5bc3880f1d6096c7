import { expect, test } from 'vitest';
import { postTransfer } from './post-message.ts';

/** A target that records the arguments of every postMessage. */
function recorder() {
  const calls: unknown[][] = [];
  return { calls, postMessage: (...args: unknown[]) => void calls.push(args) };
}

test('postTransfer passes a transfer list only when it holds a buffer', () => {
  const t = recorder();
  const buf = new ArrayBuffer(8);
  postTransfer(t, { t: 'ready' });
  postTransfer(t, { t: 'done' }, []);
  postTransfer(t, { t: 'done' }, [buf]);
  expect(t.calls).toEqual([[{ t: 'ready' }], [{ t: 'done' }], [{ t: 'done' }, [buf]]]);
  // The list given, not a copy: the caller's buffers are the ones moved.
  expect((t.calls[2]?.[1] as ArrayBuffer[] | undefined)?.[0]).toBe(buf);
});
