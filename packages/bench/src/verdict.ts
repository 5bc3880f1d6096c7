import { EXIT } from '@tvp/core';
import type { Outcome } from './invoke.ts';

/**
 * What a runner's end means for the bench. `refused`: it exited 2, bad flags, which every runner
 * would refuse alike. `stopped`: SIGINT or SIGTERM ended it (130, 143, or killed by one).
 * `failed`: anything else but 0, such as a failed cell (1): the other runners still run.
 */
export type Verdict = 'ok' | 'failed' | 'refused' | 'stopped';

/** The verdict on one runner invocation. */
export function verdictOf(o: Outcome): Verdict {
  if (o.code === EXIT.ok) return 'ok';
  if (o.code === EXIT.usage) return 'refused';
  if (o.code === EXIT.SIGINT || o.code === EXIT.SIGTERM) return 'stopped';
  if (o.signal === 'SIGINT' || o.signal === 'SIGTERM') return 'stopped';
  return 'failed';
}
