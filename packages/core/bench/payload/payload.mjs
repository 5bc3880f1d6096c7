// The payload task's cost per task through our hub against a minimal script that moves the same
// bytes the same way with nothing of ours in between (raw.mjs: a raw Worker, fork, Bun.spawn or
// Deno.Command with worker.cjs, web.js or stdio.cjs; the same checksum and reply, and the hub's
// same check of the answer and the returned bytes). Every transport of this runtime's runner and
// every way it carries; one worker, tasks one after another, a fresh worker per measurement, its
// start not timed (ours: runHub's work phase). Subjects interleave in each round, rotating, and
// within a subject's turn each measurement takes each place equally often (ORDERS_3: ROUNDS a
// multiple of 6 balances them exactly where the control is measured, of 2 elsewhere). Prints one table per run: medians over rounds,
// and the median of the per-round ratios. The CPUs are left to idle as they would on a user's
// machine: over 2000 tasks both sides halt about as often (the idle-entries column shows it), where
// spinners at SCHED_IDLE (AWAKE_CPUS=1, as the latency benchmark keeps them: ../latency/awake.mjs)
// share this VM's cores with both sides and split thread rows at 1 KiB into two levels (on the
// idle machine, 10 rounds: Bun's and Deno's thread rows 0.65-1.71x with them, 0.96-1.10x without).
// 2000 tasks per measurement up to 4 KiB (SMALL_COUNT), not 200: a fresh worker's first tasks run
// code not yet optimized, on both sides of the channel, and ours has more of it (the hub's dispatch,
// the worker loop): at 1 KiB on Node's worker_threads the first task took 1.9 ms against 1.6 ms, tasks
// 5-200 averaged 1.2-2x the minimal's, tasks 1800-2000 1.0-1.15x (medians of 9 fresh workers each,
// shared machine). Over 200 tasks that start-up was most of the difference (200-task ratios 1.27x and
// 1.29x where the last 200 tasks were 1.13x and 1.14x); over 2000 it weighs a tenth as much, and both
// sides still pay it: the figure stays the cost of the same tasks from a fresh worker, nothing discarded.
// Beside the wall time, each side's CPU time per task (this process and its workers, cpu-time.mjs):
// on a shared machine a side's wall time is mostly how soon it got a CPU back, its CPU time what its
// code costs, so a CPU ratio near 1 with a wall ratio far from it says the machine, not the code.
// Pinned to one CPU (`taskset -c 0 pnpm --filter @tvp/core bench:payload`; the workers inherit it), a
// small payload's round trip no longer falls in one of two wake-up regimes from one measurement to
// the next: on this 2-CPU VM, at 1 KiB, the minimal measured twice in a round read 0.88-1.13x of
// itself unpinned and 0.99-1.01x pinned (Bun child_process, 10 rounds), so what is left of a ratio
// is the code's. Each round measures the minimal twice up to 64 KiB (CONTROL_BYTES): the one
// measurement's ratio to the other ('again' / 'minimal', each in every place as often) is printed as
// the control, the spread the machine and the order alone give a ratio.
//
//   pnpm --filter @tvp/core bench:payload        (node; bench:payload:bun, bench:payload:deno)
//   env: ROUNDS=10  SIZES=1k,16m  SMALL_COUNT=2000 (tasks per measurement up to 4 KiB; 200 up to 64 KiB)
//        BIG_BYTES_COUNT=12 (past 1 MiB, the ways that carry bytes: see countFor)
//        BIG_COUNT=3 (past 1 MiB, the ways that carry a document: one 16 MiB task a measurement let
//        a single fault-heavy copy move a row by 1.1-1.3x; three held every row within 0.87-1.07x)
//        ONLY=child_process:json,deno-command (transports, or transport:way, to measure; all when unset)
//        AWAKE_CPUS=1 (a SCHED_IDLE spinner on every CPU, so that none halts between messages)
//        CONTROL_BYTES=65536 (the largest size whose rounds measure the minimal twice; 0: never)
//        THREAD_ENTRY=./variant.cjs (measure only worker_threads, with this worker file, relative to this
//        script, in place of core's bundled one: a variant of the worker side against the minimal)

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  checksumBytes,
  checksumDoc,
  payloadAnswer,
  payloadBytes,
  payloadDoc,
  runHub,
  serializationOf,
  skippedLine,
  WAYS_OF_MODE,
  waysFor,
  workerThreadsTransport,
} from '@tvp/core';
import { cpuIdleEntries, keepCpusAwake } from '../latency/awake.mjs';
import { cpuTimeNs } from './cpu-time.mjs';
import { fmtUs, median, rawWorker, runnerTransports, runtime, runtimeVersion } from './raw.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const SIZES = (process.env.SIZES ?? '1k,16m')
  .split(',')
  .map((s) => Number.parseInt(s, 10) * (s.endsWith('m') ? 1 << 20 : s.endsWith('k') ? 1024 : 1));
/**
 * Tasks per measurement: enough that a fresh worker's warm-up is a small share of a small payload's
 * figure (see the header), few for a large document (seconds each), more for large bytes (tens of
 * ms each: the first task's checksum runs before the engine has optimized it, and over 3 tasks
 * that moved one buffer row or another by 1.1-1.2x from run to run).
 */
const countFor = (bytes, way) =>
  bytes <= 4 * 1024
    ? Number(process.env.SMALL_COUNT ?? 2000)
    : bytes <= 64 * 1024
      ? 200
      : bytes <= 1 << 20
        ? 20
        : isDoc(way)
          ? Number(process.env.BIG_COUNT ?? 3)
          : Number(process.env.BIG_BYTES_COUNT ?? 12);
/** `ONLY`'s entries: a transport, or a transport and one of its ways. */
const ONLY = process.env.ONLY ? process.env.ONLY.split(',') : undefined;
const picked = (impl, way) => !ONLY || ONLY.includes(impl) || ONLY.includes(`${impl}:${way}`);
const AWAKE = process.env.AWAKE_CPUS === '1';
/**
 * Up to this size each round also measures the minimal a second time: its ratio to the first is
 * what the machine alone moves a ratio by, printed beside ours (a 1 KiB round trip is 20-180 µs).
 */
const CONTROL_BYTES = Number(process.env.CONTROL_BYTES ?? 64 * 1024);
/** The CPUs this process may run on, and its workers with it (Linux; `taskset -c 0` pins them to one). */
function cpusAllowed() {
  try {
    return /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
const isDoc = (way) => way === 'clone-object' || way === 'json' || way === 'advanced';

/** Each size's bytes, checksum and document, made once (seconds at 16 MiB), off every clock. */
const made = new Map();
function madeFor(bytes) {
  if (!made.has(bytes)) {
    const b = payloadBytes(bytes);
    made.set(bytes, { b, sum: checksumBytes(b), doc: undefined });
  }
  return made.get(bytes);
}

/** Each size's document form, made once, for the ways that carry one. */
function docFor(bytes) {
  const m = madeFor(bytes);
  m.doc ??= payloadDoc(bytes);
  return m.doc;
}

/** The data one way carries for one measurement (a transferred buffer goes back and forth, a shared one stays). */
function dataFor(way, bytes) {
  const m = madeFor(bytes);
  if (isDoc(way)) return { sum: m.sum, payload: docFor(bytes) };
  if (way === 'shared') {
    const sab = new SharedArrayBuffer(8 + bytes);
    new Uint8Array(sab, 8).set(m.b);
    return { sum: m.sum, payload: sab };
  }
  if (way === 'transfer') return { sum: m.sum, payload: m.b.slice().buffer };
  return { sum: m.sum, payload: way === 'clone-buffer' ? m.b.buffer : m.b };
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
  const ok = isDoc(way)
    ? checksumDoc(back) === d.sum
    : checksumBytes(
        back instanceof ArrayBuffer
          ? new Uint8Array(back)
          : new Uint8Array(back.buffer, back.byteOffset, back.byteLength),
      ) === d.sum;
  if (!ok) throw new Error(`${way}: returned bytes differ`);
  if (way === 'transfer') d.payload = back;
}

/** Minimal: cost per task, µs of wall and of CPU, of `count` tasks one after another on a fresh raw worker. */
async function minimal(impl, way, bytes) {
  const d = dataFor(way, bytes);
  const w = await rawWorker(impl, serializationOf(way));
  const count = countFor(bytes, way);
  const c0 = cpuTimeNs();
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
  const cpuUs = (cpuTimeNs() - c0) / count / 1000;
  await w.close();
  return { us, cpuUs };
}

/** Ours: the same through core's hub at 1 worker (its work phase per task), µs of wall and of CPU. */
async function ours(transport, way, bytes) {
  const { sum, b } = madeFor(bytes);
  const count = countFor(bytes, way);
  let c0 = 0;
  let c1 = 0;
  const r = await runHub({
    // Read as the work phase starts and ends, as its clock is.
    probe: { start: () => (c0 = cpuTimeNs()), stop: () => (c1 = cpuTimeNs()) },
    transport,
    workers: 1,
    task: 'payload',
    params: { ioMs: 0, cpuIters: 0 },
    count,
    timeoutMs: 600_000,
    answers: (id) => payloadAnswer(sum, id),
    workerEnv: 'inherit',
    // The bytes and document the minimal reuses, as a sweep passes those it made once per size.
    payload: { way, bytes, made: b, madeDoc: isDoc(way) ? docFor(bytes) : undefined },
  });
  return { us: (r.sample.workMs / count) * 1000, cpuUs: (c1 - c0) / count / 1000 };
}

// A variant of the worker side is measured on worker_threads alone, through core's same hub.
const transports = process.env.THREAD_ENTRY
  ? [workerThreadsTransport(new URL(process.env.THREAD_ENTRY, import.meta.url))]
  : await runnerTransports();
const subjects = [];
for (const transport of transports) {
  const { run, skipped } = waysFor(transport, WAYS_OF_MODE[transport.mode]);
  for (const s of skipped) console.log(skippedLine(s));
  for (const way of run.filter((w) => picked(transport.impl, w)))
    for (const bytes of SIZES) subjects.push({ transport, impl: transport.impl, way, bytes });
}
const times = new Map(
  subjects.map((s) => [
    s,
    {
      ours: [],
      minimal: [],
      again: [],
      cpu: { ours: [], minimal: [], again: [] },
      idle: { ours: 0, minimal: 0, again: 0 },
    },
  ]),
);
/** One side's measurement, counting the CPUs' idle entries while it ran. */
async function side(s, name, measure) {
  const t = times.get(s);
  const e0 = cpuIdleEntries();
  const { us, cpuUs } = await measure();
  t[name].push(us);
  t.cpu[name].push(cpuUs);
  t.idle[name] += cpuIdleEntries() - e0;
}
/**
 * The order of the measurements of a subject in a round, by round. Each side takes each place
 * equally often: with the control, the six orders of three (over every 6 rounds), else ours and the
 * minimal by turns. A place is not neutral: the first measurement of a subject comes after another
 * subject's, the others after one of their own, and on Deno's stdio rows that alone moved a ratio by
 * 1.09-1.16x. The control used to mirror ours' place, which kept the minimal always in the middle:
 * ours and the control both read high there, against a minimal the order favoured.
 */
const ORDERS_2 = [
  ['ours', 'minimal'],
  ['minimal', 'ours'],
];
const ORDERS_3 = [
  ['ours', 'minimal', 'again'],
  ['minimal', 'again', 'ours'],
  ['again', 'ours', 'minimal'],
  ['ours', 'again', 'minimal'],
  ['again', 'minimal', 'ours'],
  ['minimal', 'ours', 'again'],
];
const stopSpinners = AWAKE ? keepCpusAwake() : () => {};
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  const k = round % subjects.length;
  for (const s of [...subjects.slice(k), ...subjects.slice(0, k)]) {
    const sides = {
      ours: () => side(s, 'ours', () => ours(s.transport, s.way, s.bytes)),
      minimal: () => side(s, 'minimal', () => minimal(s.impl, s.way, s.bytes)),
      again: () => side(s, 'again', () => minimal(s.impl, s.way, s.bytes)),
    };
    const order = s.bytes <= CONTROL_BYTES ? ORDERS_3[round % 6] : ORDERS_2[round % 2];
    for (const name of order) await sides[name]();
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
}
stopSpinners();
const size = (b) => (b >= 1 << 20 ? `${b / (1 << 20)} MiB` : `${b / 1024} KiB`);
console.log(
  `\npayload cost per task, ${runtime} ${runtimeVersion}, 1 worker, ${SIZES.map((b) => `${countFor(b, 'json')}${countFor(b, 'json') === countFor(b, 'transfer') ? '' : ` (bytes ${countFor(b, 'transfer')})`} tasks at ${size(b)}`).join(', ')} per measurement; ${ROUNDS} interleaved rounds in ${((performance.now() - started) / 1000).toFixed(0)} s; CPUs ${cpusAllowed()} of ${availableParallelism()} allowed; ${AWAKE ? 'CPUs kept awake by SCHED_IDLE spinners (AWAKE_CPUS=1)' : 'CPUs left to idle'}`,
);
console.log(
  '| transport | way | size | ours (median) | minimal (median) | ratio (median of per-round) | control: minimal again / minimal | CPU per task: ours / minimal (ratio) | CPU idle entries per task (ours / minimal) | n |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const perTask = (n, s) => (Number.isNaN(n) ? '-' : (n / (ROUNDS * countFor(s.bytes, s.way))).toFixed(2));
for (const s of subjects) {
  const t = times.get(s);
  const ratio = median(t.ours.map((o, i) => o / t.minimal[i]));
  const control = t.again.length ? `${median(t.again.map((a, i) => a / t.minimal[i])).toFixed(2)}x` : '-';
  const { ours: co, minimal: cm } = t.cpu;
  const cpu = Number.isNaN(co[0])
    ? '-'
    : `${fmtUs(median(co))} / ${fmtUs(median(cm))} (${median(co.map((o, i) => o / cm[i])).toFixed(2)}x)`;
  console.log(
    `| ${s.impl} | ${s.way} | ${size(s.bytes)} | ${fmtUs(median(t.ours))} | ${fmtUs(median(t.minimal))} | ${ratio.toFixed(2)}x | ${control} | ${cpu} | ${perTask(t.idle.ours, s)} / ${perTask(t.idle.minimal, s)} | ${t.ours.length} |`,
  );
}
