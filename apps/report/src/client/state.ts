import type { TaskKind } from '@tvp/core';
import type { IndexPayload, RunMeta, Sweep } from '../payload.ts';

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
export const machinesOf = (p: IndexPayload): string[] => [...new Set(p.runs.map((r) => r.machine))];

// Node first (the baseline of comparisons), then as the article's readers meet them; others by name.
const RUNTIME_ORDER = ['node', 'bun', 'deno', 'cpython'];
const rank = (r: string) => {
  const i = RUNTIME_ORDER.indexOf(r);
  return i < 0 ? RUNTIME_ORDER.length : i;
};

/** Every runtime: Node, Bun, Deno, CPython, then any other by name. */
export function runtimesOf(runs: readonly RunMeta[]): string[] {
  const names = [...new Set(runs.map((r) => r.runtime))];
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The start state: everything shown, latest runs. */
export function initialSelection(p: IndexPayload): Selection {
  return { machine: 'all', runtimes: new Set(runtimesOf(p.runs)), task: 'all', picks: new Map() };
}

/** The runs of one machine, runtime and sweep, newest first (the index's order). */
export const runsFor = (p: IndexPayload, machine: string, runtime: string, sweep: Sweep): RunMeta[] =>
  p.runs.filter((r) => r.machine === machine && r.runtime === runtime && r.sweep === sweep);

/** The run shown for one machine, runtime and sweep: the picked one, else the latest. */
export function pickedRun(p: IndexPayload, sel: Selection, machine: string, runtime: string, sweep: Sweep) {
  const runs = runsFor(p, machine, runtime, sweep);
  const id = sel.picks.get(pickKey(machine, runtime, sweep));
  return runs.find((r) => r.id === id) ?? runs[0];
}

/** The machines the selection shows. */
export const shownMachines = (p: IndexPayload, sel: Selection): string[] =>
  sel.machine === 'all' ? machinesOf(p) : [sel.machine];

/**
 * The other rounds of a run's batch (same machine, runtime, sweep and batch id): cross-runtime
 * ratios rest on every round when both runtimes have several (core's runGroups decides).
 */
export function batchMates(p: IndexPayload, run: RunMeta): RunMeta[] {
  const b = run.batch;
  if (!b || b.rounds < 2) return [];
  return runsFor(p, run.machine, run.runtime, run.sweep).filter((r) => r.id !== run.id && r.batch?.id === b.id);
}

/** The runtimes one machine's section shows: the machine's, those chosen. */
export const shownRuntimes = (p: IndexPayload, sel: Selection, machine: string): string[] =>
  runtimesOf(p.runs.filter((r) => r.machine === machine)).filter((r) => sel.runtimes.has(r));

/** The ids of every run one machine's section shows, and their batch mates: what it must load before drawing. */
export function machineRunIds(p: IndexPayload, sel: Selection, m: string): string[] {
  const ids: string[] = [];
  for (const rt of runtimesOf(p.runs.filter((r) => r.machine === m))) {
    if (!sel.runtimes.has(rt)) continue;
    for (const sweep of ['standard', 'extended', 'payload'] as const) {
      const r = pickedRun(p, sel, m, rt, sweep);
      if (r) ids.push(r.id, ...batchMates(p, r).map((m) => m.id));
    }
  }
  return ids;
}

/** The ids of every run the selection shows, and their batch mates. */
export const shownRunIds = (p: IndexPayload, sel: Selection): string[] =>
  shownMachines(p, sel).flatMap((m) => machineRunIds(p, sel, m));
