import type { Impl, ResultFile } from '../format/types.ts';
import { hasPhases } from './clock.ts';
import { coldOnly } from './pools.ts';
import { median } from './stats.ts';

/** The harness's own cost per task on one transport, against a bare round trip. */
export interface DispatchCost {
  mode: 'threads' | 'processes';
  impl: Impl;
  /** Median work time of a `noop` hub run at 1 worker, divided by its task count, µs. */
  perTaskUs: number;
  /** Median bare message round trip on the same transport, µs. */
  roundTripUs: number;
  /**
   * Median of the per-run ratios (each noop run against the round trip run just before it);
   * 1.0 means the harness adds nothing.
   */
  ratio: number;
}

/**
 * Dispatch cost of every transport that ran `noop` at 1 worker with a round-trip yardstick.
 * Phases-clock runs only: the article clock's work time includes the worker's start.
 */
export function dispatchCosts(run: ResultFile): DispatchCost[] {
  const r = coldOnly(run);
  if (!hasPhases(r)) return [];
  const out: DispatchCost[] = [];
  for (const rt of r.roundTrips ?? []) {
    const cell = r.cells.find(
      (c) => c.task === 'noop' && c.mode === rt.mode && c.impl === rt.impl && c.workers === 1 && c.status === 'ok',
    );
    if (!cell || rt.samplesUs.length === 0) continue;
    const perTask = cell.samples.map((s) => (s.workMs * 1000) / r.config.count);
    const perTaskUs = median(perTask);
    const roundTripUs = median(rt.samplesUs);
    const ratio =
      rt.samplesUs.length === perTask.length
        ? median(perTask.map((x, i) => x / (rt.samplesUs[i] as number)))
        : perTaskUs / roundTripUs;
    out.push({ mode: rt.mode, impl: rt.impl, perTaskUs, roundTripUs, ratio });
  }
  return out;
}
