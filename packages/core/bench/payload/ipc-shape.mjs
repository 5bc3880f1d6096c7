// What the shape of a message costs on this runtime's child_process IPC (or its worker_threads
// postMessage), with nothing else in between: a forked echo worker (ipc-shape-worker.cjs) answers 1 KiB tasks one after another, with
// the task and the reply shaped as the minimal script's (task {t, id, way, payload}, reply
// {id, value, payload}) or as ours (the task adds `kind`; the reply adds `t` and the worker's two
// stamps, `startedAt` and `doneAt`), in the four pairings. Fresh worker per measurement, subjects
// interleaved and rotated per round, CPUs left to idle as in payload.mjs (AWAKE_CPUS=1 keeps them awake); prints each pairing's
// median cost per task, wall and CPU (cpu-time.mjs), and the medians of its per-round ratios to
// minimal/minimal (which PAIRS must include).
//
//   node bench/payload/ipc-shape.mjs   (bun bench/payload/ipc-shape.mjs)
//   env: ROUNDS=10  COUNT=2000  TRANSPORT=child_process (or worker_threads: a thread echoes)
//        WAYS=advanced-buffer,advanced,json (worker_threads: clone-buffer,clone-object)
//        PAIRS=minimal:minimal,ours:ours (task:reply; replies also tagged, stamped, bytes-first:
//        ours without its stamps, without its tag, with the bytes first)
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { keepCpusAwake } from '../latency/awake.mjs';
import { cpuTimeNs } from './cpu-time.mjs';
import { median, runtime, runtimeVersion } from './raw.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const COUNT = Number(process.env.COUNT ?? 2000);
const TRANSPORT = process.env.TRANSPORT ?? 'child_process';
if (TRANSPORT !== 'child_process' && TRANSPORT !== 'worker_threads') {
  console.error(`TRANSPORT must be child_process or worker_threads, got ${TRANSPORT}`);
  process.exit(2);
}
const WAYS = (
  process.env.WAYS ?? (TRANSPORT === 'worker_threads' ? 'clone-buffer,clone-object' : 'advanced-buffer,advanced,json')
).split(',');
const bytes = new Uint8Array(1024).fill(97);
const doc = { rows: Array.from({ length: 16 }, (_, i) => ({ i, text: 'a'.repeat(64) })) };
const tasks = {
  minimal: (id, way, payload) => ({ t: 'task', id, way, payload }),
  ours: (id, way, payload) => ({ t: 'task', id, kind: 'payload', way, payload }),
};

/** µs per task of COUNT round trips on a fresh worker, the task shaped `task`, the reply `reply`. */
async function measure(way, task, reply) {
  const file = new URL('./ipc-shape-worker.cjs', import.meta.url);
  const p =
    TRANSPORT === 'worker_threads'
      ? new Worker(file, { workerData: { reply } })
      : fork(file, [reply], {
          serialization: way === 'json' ? 'json' : 'advanced',
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
  const send = TRANSPORT === 'worker_threads' ? (m) => p.postMessage(m) : (m) => p.send(m);
  let onMsg;
  let onExit;
  // A worker that dies fails the run rather than leaving it waiting.
  p.once('exit', (code) => onExit?.(code));
  await new Promise((r, reject) => {
    onMsg = r;
    onExit = (code) => reject(new Error(`the echo worker exited (${code})`));
    p.on('message', (m) => onMsg(m));
  });
  // From here a worker that dies answers the task in flight with its exit, which fails the check.
  onExit = (code) => onMsg({ exited: code });
  const payload = way === 'advanced-buffer' ? bytes : way === 'clone-buffer' ? bytes.buffer : doc;
  const make = tasks[task];
  const c0 = cpuTimeNs();
  const t0 = performance.now();
  for (let id = 0; id < COUNT; id++) {
    const r = await new Promise((res) => {
      onMsg = res;
      send(make(id, way, payload));
    });
    if ((Array.isArray(r) ? r[0] : r.id) !== id)
      throw new Error(r.exited === undefined ? `reply ${r.id} to task ${id}` : `the echo worker exited (${r.exited})`);
  }
  const us = ((performance.now() - t0) / COUNT) * 1000;
  const cpuUs = (cpuTimeNs() - c0) / COUNT / 1000;
  await new Promise((r) => {
    onExit = r;
    send({ t: 'exit' });
  });
  return { us, cpuUs };
}

const pairs = process.env.PAIRS
  ? process.env.PAIRS.split(',').map((p) => p.split(':'))
  : [
      ['minimal', 'minimal'],
      ['ours', 'minimal'],
      ['minimal', 'ours'],
      ['ours', 'ours'],
    ];
const subjects = WAYS.flatMap((way) => pairs.map(([task, reply]) => ({ way, task, reply, us: [], cpuUs: [] })));
const stop = process.env.AWAKE_CPUS === '1' ? keepCpusAwake() : () => {};
for (let round = 0; round < ROUNDS; round++) {
  const k = round % subjects.length;
  for (const s of [...subjects.slice(k), ...subjects.slice(0, k)]) {
    const { us, cpuUs } = await measure(s.way, s.task, s.reply);
    s.us.push(us);
    s.cpuUs.push(cpuUs);
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
}
stop();
console.log(
  `\nIPC message shape, ${runtime} ${runtimeVersion} ${TRANSPORT}, 1 KiB, ${COUNT} tasks a measurement, ${ROUNDS} rounds`,
);
console.log(
  '| way | task | reply | µs per task (median) | ratio (median of per-round) | CPU µs per task (median) | CPU ratio (median of per-round) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const ratioTo = (xs, base) => median(xs.map((x, i) => x / base[i])).toFixed(2);
for (const s of subjects) {
  const base = subjects.find((b) => b.way === s.way && b.task === 'minimal' && b.reply === 'minimal');
  console.log(
    `| ${s.way} | ${s.task} | ${s.reply} | ${median(s.us).toFixed(1)} | ${ratioTo(s.us, base.us)}x | ${median(s.cpuUs).toFixed(1)} | ${ratioTo(s.cpuUs, base.cpuUs)}x |`,
  );
}
