#!/usr/bin/env node
// The pool libraries against the raw primitives on Node, side by side in one run: spawn of 8
// workers (start until all 8 have answered) and the time per noop task at 1 worker. Every round
// runs each impl once in a fresh random order; the medians and the medians of per-round ratios to
// the raw primitive of the same mode are printed. `pnpm --filter @tvp/runner-node bench:pools`
// (ROUNDS=15, COUNT=300 noop tasks, WORKER_ENV=inherit by default).
import { type HubResult, type LibraryPool, runHub, runPoolHub, type Transport, type WorkerEnv } from '@tvp/core';
import { median } from '@tvp/core/analysis';
import { piscinaPool, poolifierPool, tinypoolPool, workerpoolPool } from '@tvp/pools';
import { childProcess, workerThreads } from './transports.ts';

const rounds = Number(process.env.ROUNDS ?? 15);
const count = Number(process.env.COUNT ?? 300);
const workerEnv: WorkerEnv = process.env.WORKER_ENV === 'clean' ? 'clean' : 'inherit';
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(count) || count < 1) {
  console.error('error: ROUNDS and COUNT must be whole numbers of at least 1');
  process.exit(2);
}

/** One impl of the comparison: a raw transport or a library pool, and the raw impl it is held against. */
interface Subject {
  impl: string;
  raw: string;
  run(workers: number, count: number): Promise<HubResult>;
}

const base = { task: 'noop' as const, params: { ioMs: 0, cpuIters: 0 }, timeoutMs: 30_000, workerEnv };
const answers = (id: number) => id;
const ofTransport = (t: Transport): Subject => ({
  impl: t.impl,
  raw: t.impl,
  run: (workers, n) => runHub({ ...base, transport: t, workers, count: n, answers }),
});
const ofPool = (p: LibraryPool): Subject => ({
  impl: p.impl,
  raw: p.primitive,
  run: (workers, n) => runPoolHub({ ...base, pool: p, workers, count: n, answers }),
});
const subjects: Subject[] = [
  ofTransport(workerThreads),
  ofPool(piscinaPool()),
  ofPool(tinypoolPool('worker_threads')),
  ofPool(workerpoolPool('thread')),
  ofPool(poolifierPool('thread')),
  ofTransport(childProcess),
  ofPool(tinypoolPool('child_process')),
  ofPool(workerpoolPool('process')),
  ofPool(poolifierPool('cluster')),
];

const spawn8: Record<string, number[]> = {};
const perTask: Record<string, number[]> = {};
for (const s of subjects) {
  spawn8[s.impl] = [];
  perTask[s.impl] = [];
}
const shuffled = <T>(xs: T[]): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

// Round 0 is a warm-up (module loading, first worker files read), dropped.
for (let r = 0; r <= rounds; r++) {
  for (const s of shuffled(subjects)) {
    const start = await s.run(8, 8);
    const noop = await s.run(1, count);
    if (r === 0) continue;
    spawn8[s.impl]?.push(start.sample.spawnMs);
    perTask[s.impl]?.push((noop.sample.workMs * 1000) / count);
  }
  process.stderr.write(`\rround ${r}/${rounds}`);
}
process.stderr.write('\n');

const ratio = (xs: Record<string, number[]>, impl: string, raw: string) =>
  median((xs[impl] ?? []).map((x, i) => x / ((xs[raw] ?? [])[i] ?? Number.NaN)));
console.log(
  `Node ${process.versions.node}, ${rounds} rounds (+1 warm-up), impls in random order each round, worker env ${workerEnv}; ` +
    `medians, in brackets the median of per-round ratios to the raw primitive`,
);
console.log('');
console.log(`| impl | spawn of 8 workers (ms) | per noop task at 1 worker (us, ${count} tasks) |`);
console.log('| --- | --- | --- |');
for (const s of subjects) {
  const cell = (xs: Record<string, number[]>, digits: number) =>
    `${median(xs[s.impl] ?? []).toFixed(digits)}${s.raw === s.impl ? '' : ` (${ratio(xs, s.impl, s.raw).toFixed(2)}x)`}`;
  console.log(`| ${s.impl} | ${cell(spawn8, 1)} | ${cell(perTask, 1)} |`);
}
