// Per-task latency of a warm pool against a bare message round trip, on every transport of this
// runtime's runner. Ours: one worker in core's warm pool (`openWarmHub`, what `--pool warm` runs;
// each task a batch of one, sent and its answer checked by the hub's dispatcher); minimal: a raw
// worker on the same transport (../payload/raw.mjs) answering each message at once. Both are
// started each round and warmed with WARMUP untimed tasks, then kept for TASKS timed ones. Each
// task is a noop, sent when the previous one has been answered; its response time is submit to
// answer. Subjects interleave in each round, rotating, and which of ours and minimal goes first
// alternates. Every CPU is kept running by a spinner at SCHED_IDLE (awake.mjs): on an idle VM a
// side whose threads hand off across a halted CPU pays the host's wake-up, tens of µs, which then
// decides the comparison, in either direction. Prints p50 and p99 per side, the median of the
// per-round p50 ratios, the ratio of the p99s over all tasks, and the CPUs' idle entries per task.
//
//   pnpm --filter @tvp/core bench:latency        (node; bench:latency:bun, bench:latency:deno)
//   env: ROUNDS=20  TASKS=1000 (per round and side)  WARMUP=500 (per worker, untimed)
//        IDLE_CPUS=1 (no spinners: the machine's own idle behaviour, halts included)
import { killAllWorkers, openWarmHub } from '@tvp/core';
import { fmtUs, median, rawWorker, runnerTransports, runtime, runtimeVersion } from '../payload/raw.mjs';
import { cpuIdleEntries, keepCpusAwake } from './awake.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const TASKS = Number(process.env.TASKS ?? 1000);
const WARMUP = Number(process.env.WARMUP ?? 500);
const TIMEOUT_MS = 30_000;
const AWAKE = process.env.IDLE_CPUS !== '1';

/** Ours: core's warm pool (`--pool warm`) of one worker; `run(n)` gives n response times, µs. */
async function warmPool(transport) {
  // A batch of one task: each `batch()` is one submit and its checked answer on the live worker.
  const hub = await openWarmHub({
    transport,
    workers: 1,
    task: 'noop',
    params: { ioMs: 0, cpuIters: 0 },
    count: 1,
    timeoutMs: TIMEOUT_MS,
    answers: (id) => id,
    workerEnv: 'inherit',
  });
  const run = async (n) => {
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await hub.batch();
      times[i] = (performance.now() - t0) * 1000;
    }
    return times;
  };
  return { run, close: () => hub.close() };
}

/** Minimal: a raw worker on the same transport, kept for the round. */
async function rawPool(impl) {
  const w = await rawWorker(impl);
  const run = async (n) => {
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = await w.ask({ t: 'task', id: i });
      times[i] = (performance.now() - t0) * 1000;
      if (r.value !== i) throw new Error(`${impl}: minimal worker answered ${r.value} to ${i}`);
    }
    return times;
  };
  return { run, close: w.close };
}

const perTask = (entries) => (Number.isNaN(entries) ? 'n/a' : (entries / (ROUNDS * TASKS)).toFixed(2));
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

const stopSpinners = AWAKE ? keepCpusAwake() : () => {};
try {
  const subjects = (await runnerTransports()).map((transport) => ({
    transport,
    impl: transport.impl,
    times: { ours: [], minimal: [] },
    idle: { ours: 0, minimal: 0 },
  }));
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const k = round % subjects.length;
    for (const s of [...subjects.slice(k), ...subjects.slice(0, k)]) {
      // Fresh workers each round, warmed before they are timed: a pair of threads that settles
      // badly on the machine's cores for a while (seen on Bun) spoils one round, not the run.
      const pools = { ours: await warmPool(s.transport), minimal: await rawPool(s.impl) };
      const order = round % 2 === 0 ? ['ours', 'minimal'] : ['minimal', 'ours'];
      for (const side of order) await pools[side].run(WARMUP);
      for (const side of order) {
        const e0 = cpuIdleEntries();
        s.times[side].push(await pools[side].run(TASKS));
        s.idle[side] += cpuIdleEntries() - e0;
      }
      await Promise.all([pools.ours.close(), pools.minimal.close()]);
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  stopSpinners();

  console.log(
    `\nper-task response (submit to answer) of a warm pool, 1 worker, noop tasks one at a time, ${runtime} ${runtimeVersion}: ${ROUNDS} interleaved rounds of ${TASKS} tasks per side each after ${WARMUP} warm-up tasks on fresh workers, in ${seconds} s; ${AWAKE ? 'CPUs kept awake by SCHED_IDLE spinners' : 'CPUs left to idle (IDLE_CPUS=1)'}`,
  );
  console.log(
    '| transport | ours p50 | minimal p50 | p50 ratio (median of per-round) | ours p99 | minimal p99 | p99 ratio | CPU idle entries per task (ours / minimal) | n |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const s of subjects) {
    const all = (side) => Float64Array.from(s.times[side].flatMap((t) => [...t])).sort();
    const ours = all('ours');
    const minimal = all('minimal');
    const ratio = median(s.times.ours.map((t, i) => median(t) / median(s.times.minimal[i])));
    const p99 = [quantile(ours, 0.99), quantile(minimal, 0.99)];
    console.log(
      `| ${s.impl} | ${fmtUs(median(ours))} | ${fmtUs(median(minimal))} | ${ratio.toFixed(2)}x | ${fmtUs(p99[0])} | ${fmtUs(p99[1])} | ${(p99[0] / p99[1]).toFixed(2)}x | ${perTask(s.idle.ours)} / ${perTask(s.idle.minimal)} | ${ROUNDS} x ${TASKS} |`,
    );
  }
} catch (err) {
  stopSpinners();
  console.error(err);
  await killAllWorkers();
  process.exit(1);
}
