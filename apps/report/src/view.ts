import { coresOf, environmentWarnings, type ResultFile, summarize } from '@tvp/core';
import { STANDARD_MAX_WORKERS } from './constants.ts';
import type { RunView } from './payload.ts';

/** The machine a run belongs to: its label, else its host name. */
export const machineOf = (r: ResultFile): string => r.env.label || r.env.hostname || 'unknown machine';

/** Derive what the page needs from one decoded file: core's summaries and every warning, once. */
export function toView(file: string, result: ResultFile): RunView {
  const warnings = new Set<string>([...(result.warnings ?? []), ...environmentWarnings(result.env)]);
  for (const c of result.cells) {
    if (c.status === 'failed')
      warnings.add(`${c.task} ${c.mode}/${c.impl} x${c.workers} failed: ${c.error ?? 'no reason given'}`);
  }
  if (result.interrupted) warnings.add('the sweep was interrupted: only the cells finished by then are here');
  const extended = result.cells.some((c) => c.workers > STANDARD_MAX_WORKERS);
  return {
    file,
    machine: machineOf(result),
    result,
    cells: summarize(result),
    cores: coresOf(result.env),
    sweep: extended ? 'extended' : 'standard',
    warnings: [...warnings],
  };
}
