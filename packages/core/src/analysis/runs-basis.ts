import type { RunGroups } from './cross-run.ts';

/** What a cross-run ratio rests on, in words: several runs per runtime, or one (and what that leaves out). */
export function runsBasis(g: RunGroups): string {
  if (g.unit === 'sample') return 'rests on one run per runtime: drift between runs is not measured';
  const [b, o] = [g.base.length, g.other.length];
  return b === o
    ? `${b} runs per runtime (each run's median is one unit)`
    : `${o} and ${b} runs per runtime (each run's median is one unit)`;
}
