import type { Mode } from '@tvp/core';
import {
  BUSY_SHARE,
  type CellEvidence,
  coresOf,
  fmtX,
  fmtXRange,
  type Recommendation,
  recommend,
  runtimeName,
} from '@tvp/core/analysis';
import type { RunView } from '../payload.ts';
import { h } from './dom.ts';
import { colorKey, colorOf } from './palette.ts';
import { speedupInterval } from './speedup-interval.ts';
import { taskLabel } from './task-label.ts';

const MODE_WORDS: Record<Mode, string> = {
  threads: 'threads',
  processes: 'processes',
  async: 'event loop',
  sequential: 'sequential',
};

/** "threads x2", "event loop, 8 in flight", "sequential": the choice in a few words. */
function choice(r: Extract<Recommendation, { ok: true }>): string {
  const name = MODE_WORDS[r.mode] ?? r.mode;
  if (r.mode === 'sequential') return name;
  if (r.mode === 'async') return `${name}, ${r.workers} in flight`;
  // A pool library is the choice itself; a raw primitive's impl goes on the reason's line.
  return `${colorKey(r.mode, r.impl) === r.mode ? name : r.impl} ×${r.workers}`;
}

/** The runner-up in a few words: "threads at 8 workers", "the event loop at 7 in flight". */
function runnerUp(c: CellEvidence): string {
  const name = colorKey(c.mode, c.impl) === c.mode ? (MODE_WORDS[c.mode] ?? c.mode) : c.impl;
  if (c.mode === 'sequential') return name;
  if (c.mode === 'async') return `${name} at ${c.workers} in flight`;
  return `${name} at ${c.workers} ${c.workers === 1 ? 'worker' : 'workers'}`;
}

/**
 * The sentence's reason, without what the headline already says. Core's sentence is
 * "HEAD, FACTS; TAIL" when decided and "HEAD or RUNNER-UP: no difference shown; FACTS; TAIL" when not:
 * the grid's headline carries the choice and its facts, so only the tail is kept, and a tie names
 * the runner-up from the evidence.
 */
function reason(r: Extract<Recommendation, { ok: true }>): string {
  const parts = r.sentence.split('; ');
  const why = parts.slice(r.decided ? 1 : 2).join('; ');
  if (r.decided) return why;
  const other = r.evidence.others[0];
  const tie = other ? `no difference shown from ${runnerUp(other)}` : 'no difference shown from the runner-up';
  return why ? `${tie}; ${why}` : tie;
}

/** What the headline says in place of a gain when core flags the speedup as not parallelism. */
function caveatWords(r: Extract<Recommendation, { ok: true }>, cores: number): string | undefined {
  if (r.caveat === 'async-cpu-noise') return 'noise: one thread cannot speed up CPU work';
  if (r.caveat === 'over-ideal') return `noise: past what ${cores} ${cores === 1 ? 'core allows' : 'cores allow'}`;
  return undefined;
}

function cell(run: RunView, r: Recommendation | undefined): HTMLElement {
  if (!r) return h('td', { class: 'none muted' }, '—');
  if (!r.ok) return h('td', { class: 'none muted', 'data-task': r.task, title: r.reason }, 'cannot decide');
  const iv = speedupInterval(r, run.result);
  const speed = r.speedup === undefined ? '' : `${fmtX(r.speedup)}${iv ? ` (${fmtXRange(iv.lo, iv.hi)})` : ''}`;
  const key = colorKey(r.mode, r.impl);
  const caveat = caveatWords(r, coresOf(run.result.env));
  return h(
    'td',
    {
      'data-task': r.task,
      'data-mode': r.mode,
      'data-decided': String(r.decided),
      ...(r.caveat ? { 'data-caveat': r.caveat } : {}),
      title: `${r.sentence}${iv ? `. Speedup vs 1 worker of the same kind, ${Math.round(iv.level * 100)}% exact bootstrap interval of the ratio of medians.` : ''}`,
    },
    // A flagged speedup gets a hollow ring, not the mode's dot: nothing here to act on.
    h(
      'span',
      { class: 'choice' },
      caveat
        ? h('i', { class: 'dot caveat', style: `border-color:${colorOf(key)}` })
        : h('i', { class: 'dot', style: `background:${colorOf(key)}` }),
      choice(r),
    ),
    speed ? h('span', { class: caveat ? 'speed muted' : 'speed' }, ` ${speed}`) : null,
    caveat ? h('span', { class: 'caveat' }, ` · ${caveat}`) : null,
    h('br'),
    h(
      'span',
      { class: 'why muted' },
      [r.impl === 'main' || colorKey(r.mode, r.impl) !== r.mode ? '' : r.impl, reason(r)].filter(Boolean).join(' · '),
    ),
  );
}

/**
 * One line above the grid when any run it summarises was taken while other processes used more than
 * core's BUSY_SHARE of the CPU (the same rule as core's "machine was busy" warning), with the share.
 */
function busyLine(runs: RunView[]): HTMLElement | null {
  const busy = runs.filter((r) => (r.result.env.otherCpuShare ?? 0) > BUSY_SHARE);
  if (busy.length === 0) return null;
  const pct = (r: RunView) => `${((r.result.env.otherCpuShare as number) * 100).toFixed(0)}%`;
  const who =
    busy.length === 1 && runs.length === 1
      ? `other processes used ${pct(busy[0]!)} of the CPU during the run`
      : `other processes used ${busy.map((r) => `${pct(r)} (${runtimeName(r.result.env.runtime)})`).join(', ')} of the CPU during the runs`;
  return h(
    'p',
    { class: 'busy' },
    h('strong', {}, 'Busy machine: '),
    `${who}; these figures may move on a quiet machine.`,
  );
}

/**
 * Per machine the answer at a glance: a row per runtime, a column per task core's `recommend()`
 * gave for any run (whatever kinds it covers), each cell the primitive and worker count, the
 * speedup with its interval and one short reason; the full sentence as the cell's tooltip.
 */
export function verdictGrid(runs: RunView[]): HTMLElement | null {
  if (runs.length === 0) return null;
  const recs = runs.map((run) => ({ run, recs: recommend(run.result) }));
  const tasks = [...new Set(recs.flatMap((x) => x.recs.map((r) => r.task)))];
  if (tasks.length === 0) return h('p', { class: 'verdicts muted' }, 'No task here that a recommendation covers.');
  return h(
    'div',
    { class: 'verdicts' },
    busyLine(runs),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'use'),
          tasks.map((t) => h('th', {}, taskLabel(runs, t))),
        ),
      ),
      h(
        'tbody',
        {},
        recs.map(({ run, recs }) =>
          h(
            'tr',
            { 'data-runtime': run.result.env.runtime, 'data-run': run.result.id },
            h('th', {}, runtimeName(run.result.env.runtime)),
            tasks.map((t) =>
              cell(
                run,
                recs.find((r) => r.task === t),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
