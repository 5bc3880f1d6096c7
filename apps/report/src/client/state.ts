import type { TaskKind } from '@tvp/core';
import type { ResultsPayload, RunView, Sweep } from '../payload.ts';

/** What the reader chose to see. */
export interface Selection {
  /** A machine, or every machine one after another. */
  machine: string | 'all';
  /** Runtimes shown; the others are hidden everywhere. */
  runtimes: Set<string>;
  task: TaskKind | 'all';
  /** The run shown per machine, runtime and sweep, by run id; absent means the latest. */
  picks: Map<string, string>;
}

/** The key of a run choice. */
export const pickKey = (machine: string, runtime: string, sweep: Sweep): string => `${machine}|${runtime}|${sweep}`;

/** Every machine, the one with the newest run first. */
export const machinesOf = (p: ResultsPayload): string[] => [...new Set(p.runs.map((r) => r.machine))];

/** Every runtime, Node first (the baseline of comparisons), then by name. */
export function runtimesOf(runs: readonly RunView[]): string[] {
  const names = [...new Set(runs.map((r) => r.result.env.runtime))];
  return names.sort((a, b) => (a === 'node' ? -1 : b === 'node' ? 1 : a.localeCompare(b)));
}

/** The start state: everything shown, latest runs. */
export function initialSelection(p: ResultsPayload): Selection {
  return { machine: 'all', runtimes: new Set(runtimesOf(p.runs)), task: 'all', picks: new Map() };
}

/** The runs of one machine, runtime and sweep, newest first (the payload's order). */
export const runsFor = (p: ResultsPayload, machine: string, runtime: string, sweep: Sweep): RunView[] =>
  p.runs.filter((r) => r.machine === machine && r.result.env.runtime === runtime && r.sweep === sweep);

/** The run shown for one machine, runtime and sweep: the picked one, else the latest. */
export function pickedRun(p: ResultsPayload, sel: Selection, machine: string, runtime: string, sweep: Sweep) {
  const runs = runsFor(p, machine, runtime, sweep);
  const id = sel.picks.get(pickKey(machine, runtime, sweep));
  return runs.find((r) => r.result.id === id) ?? runs[0];
}
