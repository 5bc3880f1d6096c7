import type { Cell, PayloadWay, ResultFile, SkippedWay, WorkerMode } from '@tvp/core';
import { seeded } from '@tvp/core/analysis';
import { makeResult } from './synthetic.ts';

type Runtime = 'node' | 'bun' | 'deno';

/** The transports each runtime's runner has and the ways each moves (as the runners declare them). */
const TRANSPORTS: Record<Runtime, { mode: WorkerMode; impl: string; ways: PayloadWay[]; lacks: PayloadWay[] }[]> = {
  node: [
    {
      mode: 'threads',
      impl: 'worker_threads',
      ways: ['clone-object', 'clone-buffer', 'transfer', 'shared'],
      lacks: [],
    },
    { mode: 'processes', impl: 'child_process', ways: ['json', 'advanced', 'advanced-buffer'], lacks: ['frames'] },
  ],
  bun: [
    { mode: 'threads', impl: 'web-worker', ways: ['clone-object', 'clone-buffer', 'transfer', 'shared'], lacks: [] },
    {
      mode: 'threads',
      impl: 'worker_threads',
      ways: ['clone-object', 'clone-buffer', 'transfer', 'shared'],
      lacks: [],
    },
    { mode: 'processes', impl: 'child_process', ways: ['json', 'advanced', 'advanced-buffer'], lacks: ['frames'] },
    { mode: 'processes', impl: 'bun-spawn', ways: ['json', 'advanced', 'advanced-buffer'], lacks: ['frames'] },
  ],
  deno: [
    { mode: 'threads', impl: 'web-worker', ways: ['clone-object', 'clone-buffer', 'transfer', 'shared'], lacks: [] },
    { mode: 'processes', impl: 'deno-command', ways: ['json', 'frames'], lacks: ['advanced', 'advanced-buffer'] },
  ],
};

/** A plausible moving cost per way: fixed µs per task and µs per KiB carried each way. */
const COST: Record<PayloadWay, { fixedUs: number; perKbUs: number }> = {
  'clone-object': { fixedUs: 30, perKbUs: 6 },
  'clone-buffer': { fixedUs: 25, perKbUs: 0.6 },
  transfer: { fixedUs: 25, perKbUs: 0.02 },
  shared: { fixedUs: 35, perKbUs: 0.3 },
  json: { fixedUs: 80, perKbUs: 12 },
  advanced: { fixedUs: 70, perKbUs: 3 },
  'advanced-buffer': { fixedUs: 70, perKbUs: 1.2 },
  frames: { fixedUs: 90, perKbUs: 1.5 },
};

/** The checksum of one KiB on the main thread, µs. */
const CHECKSUM_PER_KB_US = 0.25;

/**
 * A payload-only run (`--task payload --workers 1`) of one runtime without running anything: per
 * size the main thread's checksum alone and every way of every transport the runtime has, the
 * cost per task = fixed + per KB + twice the checksum, samples varying by ~4%; the ways a
 * transport lacks in `skippedWays`.
 */
export function makePayloadResult(o: {
  runtime: Runtime;
  seed?: number;
  createdAt?: string;
  sizes?: number[];
  speed?: number;
  label?: string;
}): ResultFile {
  const base = makeResult({
    runtime: o.runtime,
    seed: o.seed ?? 31,
    workers: [1],
    tasks: ['payload'],
    createdAt: o.createdAt,
    label: o.label,
  });
  const rand = seeded(o.seed ?? 31);
  const sizes = o.sizes ?? [1024, 64 * 1024, 1024 * 1024, 16 * 1024 * 1024];
  const count = 20;
  const speed = o.speed ?? 1;
  const noise = () => 1 + (rand() - 0.5) * 0.08;
  const samples = (perTaskUs: number) =>
    Array.from({ length: 5 }, () => {
      const workMs = (count * perTaskUs * speed * noise()) / 1000;
      return { totalMs: workMs + 3, spawnMs: 2, workMs, teardownMs: 1 };
    });
  const cells: Cell[] = [];
  const skippedWays: SkippedWay[] = [];
  for (const bytes of sizes) {
    const checksum = 1 + (CHECKSUM_PER_KB_US * bytes) / 1024;
    cells.push({
      task: 'payload',
      mode: 'sequential',
      impl: 'main',
      workers: 1,
      status: 'ok',
      payloadBytes: bytes,
      samples: samples(checksum),
    });
    for (const t of TRANSPORTS[o.runtime])
      for (const way of t.ways) {
        const c = COST[way];
        const per = c.fixedUs + (c.perKbUs * bytes) / 1024 + 2 * checksum;
        cells.push({
          task: 'payload',
          mode: t.mode,
          impl: t.impl,
          workers: 1,
          status: 'ok',
          way,
          payloadBytes: bytes,
          samples: samples(per),
        });
      }
  }
  for (const t of TRANSPORTS[o.runtime])
    for (const way of t.lacks)
      skippedWays.push({ mode: t.mode, impl: t.impl, way, reason: `${t.impl} has no ${way} here` });
  return {
    ...base,
    id: `${o.runtime}-payload-${o.seed ?? 31}-0000-fixture`,
    config: {
      ...base.config,
      tasks: ['payload'],
      modes: ['sequential', 'threads', 'processes'],
      impls: [...new Set(TRANSPORTS[o.runtime].map((t) => t.impl))],
      workers: [1],
      workerSet: 'custom',
      count,
      payloadBytes: sizes,
    },
    cells,
    skippedWays,
  };
}
