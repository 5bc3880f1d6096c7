import { MAX_ROUNDS } from '@tvp/core';
import type { Runner } from './discover.ts';

/** The bench's --help text, with the runtimes it found in the order of round 1. */
export function usage(runners: readonly Runner[]): string {
  const found = runners.map((r) => `${r.runtime} (${r.name})`).join(', ');
  return `Usage: pnpm bench -- [--rounds K] [--runtime LIST] [runner flags]

Runs every runtime's sweep, one at a time and never two at once; each writes one result file.

  --rounds K   run every runtime K times (1 to ${MAX_ROUNDS}, default 1). Round r starts from the
               r-th runtime (AB, BA, AB; ABC, BCA, CAB), so that a drift of the machine over
               time is measured and not credited to the runtime that always runs last. The files
               of one bench share batch.id; batch.round says which round each came from.
  --runtime L  only these runtimes, comma-separated (node,bun): a CI job per runtime
  --help       this text, then the first runner's own --help

Runtimes, in the order of round 1: ${found}
Every other flag reaches every runner unchanged (pnpm bench -- --quick --rounds 2).

Exit status: 0 every runner ok; 1 a runner failed (the others still ran); 2 bad flags (no
runner ran, or the first refused them and no other started); 130/143 stopped by SIGINT/SIGTERM
(the running runner writes its finished cells; no other starts).`;
}
