// The payload task's cost per task through the harness against a minimal script that moves the
// same bytes the same way with nothing of ours in between (bench/payload/worker.cjs, web.js: the
// same checksum, the same reply; the hub checks the answer and the returned bytes the same way).
// One worker, tasks one after another, a fresh worker per measurement, the worker's start not
// timed. Subjects and sizes interleave in each round, rotating their order.
//
//   node packages/core/bench/payload/payload.mjs            (ROUNDS=10, SIZES=1k,16m)
//   bun packages/core/bench/payload/payload.mjs
//   deno run -A packages/core/bench/payload/payload.mjs
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker as NodeWorker } from 'node:worker_threads';
import {
  checksumBytes,
  checksumDoc,
  childProcessTransport,
  payloadAnswer,
  payloadBytes,
  payloadDoc,
  runHub,
  serializationOf,
  workerThreadsTransport,
} from '@tvp/core';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const SIZES = (process.env.SIZES ?? '1k,16m')
  .split(',')
  .map((s) => Number.parseInt(s, 10) * (s.endsWith('m') ? 1 << 20 : s.endsWith('k') ? 1024 : 1));
/** Tasks per measurement: enough to average a small payload, few for a large one (seconds each as a document). */
const countFor = (bytes) => (bytes <= 64 * 1024 ? 200 : bytes <= 1 << 20 ? 20 : Number(process.env.BIG_COUNT ?? 2));
const runtime = globalThis.Deno ? 'deno' : globalThis.Bun ? 'bun' : 'node';
const here = (f) => new URL(f, import.meta.url);
const THREAD_WAYS = ['clone-object', 'clone-buffer', 'transfer', 'shared'];
const PROCESS_WAYS = ['json', 'advanced', 'advanced-buffer'];

/** The data one way carries, per worker (a transferred buffer goes back and forth, a shared one stays). */
function dataFor(way, bytes) {
  const b = payloadBytes(bytes);
  const sum = checksumBytes(b);
  if (way === 'clone-object' || way === 'json' || way === 'advanced') return { sum, payload: payloadDoc(bytes) };
  if (way === 'shared') {
    const sab = new SharedArrayBuffer(8 + bytes);
    new Uint8Array(sab, 8).set(b);
    return { sum, payload: sab };
  }
  return { sum, payload: way === 'advanced-buffer' ? b : b.buffer };
}

/** The hub's check of a reply, the same as core's PayloadFeed does. */
function check(way, d, id, r) {
  if (r.value !== payloadAnswer(d.sum, id)) throw new Error(`${way}: wrong answer`);
  if (way === 'shared') {
    if (Atomics.load(new Int32Array(d.payload, 0, 2), 1) !== (r.value | 0)) throw new Error('shared: no answer');
    if (checksumBytes(new Uint8Array(d.payload, 8)) !== d.sum) throw new Error('shared: bytes changed');
    return;
  }
  const back = r.payload;
  const ok =
    way === 'clone-object' || way === 'json' || way === 'advanced'
      ? checksumDoc(back) === d.sum
      : checksumBytes(
          back instanceof ArrayBuffer
            ? new Uint8Array(back)
            : new Uint8Array(back.buffer, back.byteOffset, back.byteLength),
        ) === d.sum;
  if (!ok) throw new Error(`${way}: returned bytes differ`);
  if (way === 'transfer') d.payload = back;
}

/** A raw worker: start, wait ready, then `ask` one message at a time. */
async function rawWorker(kind, way) {
  let resolve;
  let onMsg = (m) => m.t === 'ready' && resolve();
  const ready = new Promise((r) => {
    resolve = r;
  });
  let send;
  let close;
  if (kind === 'worker_threads') {
    const w = new NodeWorker(here('./worker.cjs'));
    w.on('message', (m) => onMsg(m));
    send = (m, t) => w.postMessage(m, t);
    close = () =>
      new Promise((r) => {
        w.once('exit', r);
        w.postMessage({ t: 'exit' });
      });
  } else if (kind === 'web-worker') {
    const w = new Worker(here('./web.js').href, { type: 'module' });
    let exited;
    w.addEventListener('message', (e) => (e.data.t === 'exited' ? exited?.() : onMsg(e.data)));
    send = (m, t) => w.postMessage(m, t ?? []);
    close = () =>
      new Promise((r) => {
        exited = r;
        w.postMessage({ t: 'exit' });
        if (globalThis.Bun) w.addEventListener('close', r);
      });
  } else if (kind === 'bun-spawn') {
    const p = Bun.spawn([process.execPath, fileURLToPath(here('./worker.cjs'))], {
      ipc: (m) => onMsg(m),
      serialization: serializationOf(way),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    send = (m) => p.send(m);
    close = () => {
      p.send({ t: 'exit' });
      return p.exited;
    };
  } else {
    const p = fork(here('./worker.cjs'), [], {
      serialization: serializationOf(way),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    p.on('message', (m) => onMsg(m));
    send = (m) => p.send(m);
    close = () =>
      new Promise((r) => {
        p.once('exit', r);
        p.send({ t: 'exit' });
      });
  }
  await ready;
  return {
    ask: (m, t) =>
      new Promise((r) => {
        onMsg = r;
        send(m, t);
      }),
    close,
  };
}

/** Minimal: cost per task, µs, of `count` tasks one after another on a fresh raw worker. */
async function minimal(kind, way, bytes) {
  const d = dataFor(way, bytes);
  const w = await rawWorker(kind, way);
  const count = countFor(bytes);
  const t0 = performance.now();
  for (let id = 0; id < count; id++) {
    let transfer;
    if (way === 'shared') {
      const h = new Int32Array(d.payload, 0, 2);
      Atomics.store(h, 1, 0);
      Atomics.store(h, 0, id + 1);
    } else if (way === 'transfer') transfer = [d.payload];
    const r = await w.ask({ t: 'task', id, way, payload: d.payload }, transfer);
    check(way, d, id, r);
  }
  const us = ((performance.now() - t0) / count) * 1000;
  await w.close();
  return us;
}

/** Ours: the same through core's hub at 1 worker (its work phase per task), µs. */
async function ours(transport, way, bytes) {
  const sum = checksumBytes(payloadBytes(bytes));
  const count = countFor(bytes);
  const r = await runHub({
    transport,
    workers: 1,
    task: 'payload',
    params: { ioMs: 0, cpuIters: 0 },
    count,
    timeoutMs: 600_000,
    answers: (id) => payloadAnswer(sum, id),
    workerEnv: 'inherit',
    payload: { way, bytes },
  });
  return (r.sample.workMs / count) * 1000;
}

const transports = [
  { kind: 'worker_threads', transport: workerThreadsTransport(), ways: THREAD_WAYS },
  { kind: 'child_process', transport: childProcessTransport(), ways: PROCESS_WAYS },
];
if (runtime === 'bun') {
  const bun = await import('../../../runner-bun/src/index.ts');
  transports.push({ kind: 'web-worker', transport: bun.webWorker, ways: THREAD_WAYS });
  transports.push({ kind: 'bun-spawn', transport: bun.bunSpawn, ways: PROCESS_WAYS });
} else if (runtime === 'deno') {
  const deno = await import('../../../runner-deno/src/index.ts');
  transports.push({ kind: 'web-worker', transport: deno.webWorker, ways: THREAD_WAYS });
}
const subjects = transports.flatMap((t) => t.ways.flatMap((way) => SIZES.map((bytes) => ({ ...t, way, bytes }))));
const times = new Map(subjects.map((s) => [s, { ours: [], minimal: [] }]));
for (let round = 0; round < ROUNDS; round++) {
  const k = round % subjects.length;
  for (const s of [...subjects.slice(k), ...subjects.slice(0, k)]) {
    const t = times.get(s);
    // Which goes first alternates by round, so neither always gets a warmer machine.
    if (round % 2 === 0) {
      t.ours.push(await ours(s.transport, s.way, s.bytes));
      t.minimal.push(await minimal(s.kind, s.way, s.bytes));
    } else {
      t.minimal.push(await minimal(s.kind, s.way, s.bytes));
      t.ours.push(await ours(s.transport, s.way, s.bytes));
    }
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(us >= 10_000 ? 0 : 1)} ms` : `${us.toFixed(0)} µs`);
const version = globalThis.Deno ? Deno.version.deno : globalThis.Bun ? Bun.version : process.versions.node;
console.log(`payload cost per task, ${runtime} ${version}, 1 worker, median of ${ROUNDS} interleaved rounds`);
console.log('| transport | way | size | tasks | ours | minimal | ours / minimal (median of per-round ratios) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const s of subjects) {
  const t = times.get(s);
  const ratios = t.ours.map((o, i) => o / t.minimal[i]);
  const size = s.bytes >= 1 << 20 ? `${s.bytes >> 20} MiB` : `${s.bytes >> 10} KiB`;
  console.log(
    `| ${s.kind} | ${s.way} | ${size} | ${countFor(s.bytes)} | ${fmt(median(t.ours))} | ${fmt(median(t.minimal))} | ${median(ratios).toFixed(2)}x |`,
  );
}
