import type { PayloadWay, SkippedWay, WorkerMode } from '../format/types.ts';
import type { Transport } from './transport.ts';

/** Every payload way, threads' first. */
export const PAYLOAD_WAYS: readonly PayloadWay[] = [
  'clone-object',
  'clone-buffer',
  'transfer',
  'shared',
  'json',
  'advanced',
  'advanced-buffer',
  'frames',
];

/** The ways of each worker mode: memory can be shared or moved only between threads. */
export const WAYS_OF_MODE: Record<WorkerMode, readonly PayloadWay[]> = {
  threads: ['clone-object', 'clone-buffer', 'transfer', 'shared'],
  processes: ['json', 'advanced', 'advanced-buffer', 'frames'],
};

/** The payload sizes of `--task payload` without `--payload-bytes`: 1 KiB, 64 KiB, 1 MiB, 16 MiB. */
export const DEFAULT_PAYLOAD_BYTES: readonly number[] = [1024, 64 * 1024, 1024 * 1024, 16 * 1024 * 1024];

/** The largest payload accepted: 256 MiB, so that a typo (16g) does not exhaust memory. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

/** How a process transport's IPC channel serializes: the ways that need the structured clone say so. */
export const serializationOf = (way: PayloadWay | undefined): 'json' | 'advanced' =>
  way === 'advanced' || way === 'advanced-buffer' ? 'advanced' : 'json';

/** Why a transport of this mode lacks a way, when its adapter does not say more. */
const GENERIC: Record<PayloadWay, string> = {
  'clone-object': 'threads only',
  'clone-buffer': 'threads only',
  transfer: 'threads only',
  shared: 'threads only',
  json: 'needs a channel that carries JSON messages',
  advanced: "needs an IPC channel with serialization: 'advanced'",
  'advanced-buffer': "needs an IPC channel with serialization: 'advanced'",
  frames: 'needs a worker that speaks frames on stdio (the stdio transports)',
};

/**
 * The ways a transport runs among those asked, and those of its mode it lacks with the reason
 * (its adapter's, else a generic one). Ways of the other mode are neither: they do not apply.
 */
export function waysFor(t: Transport, asked: readonly PayloadWay[]): { run: PayloadWay[]; skipped: SkippedWay[] } {
  const has = t.ways ?? [];
  const run: PayloadWay[] = [];
  const skipped: SkippedWay[] = [];
  for (const way of asked) {
    if (!WAYS_OF_MODE[t.mode].includes(way)) continue;
    if (has.includes(way)) run.push(way);
    else skipped.push({ mode: t.mode, impl: t.impl, way, reason: t.lacks?.[way] ?? GENERIC[way] });
  }
  return { run, skipped };
}

/** The one line printed for a skipped way. */
export const skippedLine = (s: SkippedWay): string => `skipped: payload way ${s.way} on ${s.impl}: ${s.reason}`;
