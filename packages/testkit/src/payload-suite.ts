import { fileURLToPath } from 'node:url';
import {
  checksumBytes,
  type HubMessage,
  liveWorkerCount,
  loadTaskModule,
  PAYLOAD_WAYS,
  type PayloadWay,
  payloadAnswer,
  payloadBytes,
  runHub,
  SHARED_HEADER_BYTES,
  serializationOf,
  type Transport,
  WAYS_OF_MODE,
  type WorkerMessage,
  waysFor,
} from '@tvp/core';
import { expect, test } from 'vitest';

const base = { params: { ioMs: 0, cpuIters: 0 }, timeoutMs: 10_000, workerEnv: 'inherit' as const };
/** Sizes that cover a tail of 3 bytes past the last word and a payload larger than a pipe's buffer. */
const SIZES = [4099, 300 * 1024];

/** One worker of `transport`, driven by hand: send a message, wait for the next `done`. */
async function oneWorker(transport: Transport, serialization?: 'json' | 'advanced') {
  let onDone: ((m: WorkerMessage & { t: 'done' }) => void) | undefined;
  let onFail: ((e: Error) => void) | undefined;
  let exited!: () => void;
  const gone = new Promise<void>((resolve) => {
    exited = resolve;
  });
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const handle = transport.start(
    {
      message: (m) => {
        if (m.t === 'ready') ready();
        else if (m.t === 'done') onDone?.(m);
        else if (m.t === 'fail') onFail?.(new Error(m.error.message));
      },
      exit: () => exited(),
      error: (e) => onFail?.(e),
    },
    { workerEnv: 'inherit', ...(serialization ? { serialization } : {}) },
  );
  await isReady;
  return {
    ask(msg: HubMessage, transfer?: ArrayBuffer[]) {
      return new Promise<WorkerMessage & { t: 'done' }>((resolve, reject) => {
        onDone = resolve;
        onFail = reject;
        handle.send(msg, transfer);
      });
    },
    async close() {
      handle.send({ t: 'exit' });
      await gone;
    },
  };
}

const task = (id: number, way: PayloadWay, payload: unknown): HubMessage => ({
  t: 'task',
  id,
  kind: 'payload',
  ioMs: 0,
  cpuIters: 0,
  way,
  payload,
});

/**
 * The payload task on one transport: every way it has returns the payload's checksum and its
 * bytes (the hub checks both), a transferred buffer is detached where it was sent from, a shared
 * buffer is shared (each side sees the other's writes), and each way it lacks has a reason.
 */
export function payloadTests(transport: Transport): void {
  const ways = transport.ways ?? [];

  test.each(ways.flatMap((w) => SIZES.map((bytes) => [w, bytes] as const)))(
    'payload %s, %i bytes: 6 tasks on 2 workers return the checksum and the bytes',
    async (way, bytes) => {
      const sum = checksumBytes(payloadBytes(bytes));
      const r = await runHub({
        ...base,
        transport,
        workers: 2,
        task: 'payload',
        count: 6,
        answers: (id) => payloadAnswer(sum, id),
        payload: { way, bytes },
      });
      expect(r.sample.workMs).toBeGreaterThan(0);
      expect(liveWorkerCount()).toBe(0);
      // Its workers read no clock: each task's response is known on the hub's, nothing of the worker's.
      const st = r.stamps as NonNullable<typeof r.stamps>;
      expect(st.method).toBe('hub');
      expect(st.started.every(Number.isNaN) && st.done.every(Number.isNaN)).toBe(true);
      for (const received of st.received) expect(received).toBeGreaterThan(st.submittedAt);
    },
  );

  if (ways.includes('json')) {
    test('payload json, 2 MiB: a document larger than a protocol frame travels whole', async () => {
      const bytes = 2 * 1024 * 1024;
      const sum = checksumBytes(payloadBytes(bytes));
      const r = await runHub({
        ...base,
        transport,
        workers: 1,
        task: 'payload',
        count: 2,
        answers: (id) => payloadAnswer(sum, id),
        payload: { way: 'json', bytes },
      });
      expect(r.sample.workMs).toBeGreaterThan(0);
    });
  }

  test('payload: each way of its mode it lacks is skipped with a reason', () => {
    const { run, skipped } = waysFor(transport, PAYLOAD_WAYS);
    expect([...run, ...skipped.map((s) => s.way)].sort()).toEqual([...WAYS_OF_MODE[transport.mode]].sort());
    for (const s of skipped) expect(s.reason.length).toBeGreaterThan(10);
  });

  if (transport.mode === 'threads') {
    test.each(['transfer', 'shared'] as const)(
      'payload --arg-transfer %s: a module gets its binary arg as a typed array of the same bytes',
      async (argTransfer) => {
        const m = await loadTaskModule(fileURLToPath(new URL('../fixtures/sum-bytes.mjs', import.meta.url)));
        const before = (m.arg as Uint8Array).byteLength;
        await runHub({
          ...base,
          transport,
          workers: 2,
          task: 'module',
          count: 6,
          setup: { moduleUrl: m.url },
          arg: m.arg,
          answers: () => m.expected,
          argTransfer,
        });
        // Each worker moved or shared its own copy: the module's own arg is untouched.
        expect((m.arg as Uint8Array).byteLength).toBe(before);
        expect(liveWorkerCount()).toBe(0);
      },
    );
  }

  if (ways.includes('transfer')) {
    test('payload transfer: the buffer is detached on the sending side and comes back whole', async () => {
      const w = await oneWorker(transport);
      try {
        const buf = payloadBytes(64 * 1024).buffer as ArrayBuffer;
        const done = await w.ask(task(0, 'transfer', buf), [buf]);
        expect(buf.byteLength).toBe(0);
        // An answer with no stamps, its bytes as the last item of the compact answer (answer-wire.ts).
        expect(done.startedAt).toBeUndefined();
        expect(done.value).toBe(payloadAnswer(checksumBytes(payloadBytes(64 * 1024)), 0));
        expect(done.payload).toBeInstanceOf(ArrayBuffer);
        expect(checksumBytes(new Uint8Array(done.payload as ArrayBuffer))).toBe(checksumBytes(payloadBytes(64 * 1024)));
      } finally {
        await w.close();
      }
    });
  }

  if (ways.includes('shared')) {
    test('payload shared: a write on one side is seen on the other (shared, not copied)', async () => {
      const w = await oneWorker(transport);
      try {
        const n = 8 * 1024;
        const sab = new SharedArrayBuffer(SHARED_HEADER_BYTES + n);
        const bytes = new Uint8Array(sab, SHARED_HEADER_BYTES);
        bytes.set(payloadBytes(n));
        const header = new Int32Array(sab, 0, 2);
        Atomics.store(header, 0, 1);
        const first = await w.ask(task(0, 'shared', sab));
        // Nothing goes back but the answer: the shortest compact answer, [id, value].
        expect(first).toEqual({ t: 'done', id: 0, value: first.value });
        // The worker's answer, written into the buffer on its side, is here without a copy back.
        expect(Atomics.load(header, 1)).toBe((first.value as number) | 0);
        expect(first.value).toBe(payloadAnswer(checksumBytes(bytes), 0));
        // The hub's write after the first task is what the worker reads for the second.
        bytes[0] = (bytes[0] as number) ^ 0x55;
        Atomics.store(header, 0, 2);
        const second = await w.ask(task(1, 'shared', sab));
        expect(second.value).toBe(payloadAnswer(checksumBytes(bytes), 1));
        expect(second.value).not.toBe(payloadAnswer(checksumBytes(payloadBytes(n)), 1));
      } finally {
        await w.close();
      }
    });
  }

  for (const way of ways.filter((w) => w === 'advanced-buffer' || w === 'frames' || w === 'clone-buffer')) {
    test(`payload ${way}: the worker reads bytes the hub wrote after making them (a copy, checked byte for byte)`, async () => {
      const w = await oneWorker(transport, serializationOf(way));
      try {
        const bytes = payloadBytes(1000);
        bytes[999] = 0;
        const payload = way === 'clone-buffer' ? bytes.buffer : bytes;
        const done = await w.ask(task(3, way, payload));
        expect(done.value).toBe(payloadAnswer(checksumBytes(bytes), 3));
      } finally {
        await w.close();
      }
    });
  }
}
