import type { Mode } from '@tvp/core';
import {
  BUSY_SHARE,
  type CellEvidence,
  differenceShown,
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
 * The sentence's reason, without what the headline already says: core's `tail` (what more
 * workers buy, why the main thread wins), and on a tie the runner-up named from the evidence.
 */
function reason(r: Extract<Recommendation, { ok: true }>): string {
  if (r.decided) return r.tail;
  const other = r.evidence.others[0];
  const tie = other ? `no difference shown from ${runnerUp(other)}` : 'no difference shown from the runner-up';
  return r.tail ? `${tie}; ${r.tail}` : tie;
}

/** Whether the headline leads with "no difference shown" (or "no gain"): core's caveat says no gain was shown. */
const noGain = (r: Extract<Recommendation, { ok: true }>) =>
  r.caveat === 'no-difference' || r.caveat === 'async-cpu-noise';

/** What the headline says beside the figure when core flags the speedup: never a gain. */
function caveatWords(r: Extract<Recommendation, { ok: true }>): string | undefined {
  if (r.caveat === 'async-cpu-noise') return 'noise: one thread cannot speed up CPU work';
  if (r.caveat === 'over-ideal') {
    const ideal = r.idealSpeedup === undefined ? 'the ideal' : `the ideal ${fmtX(r.idealSpeedup)}`;
    return `past ${ideal}: the runs at 1 were slowed`;
  }
  return undefined;
}

/** "event loop, 2 in flight vs 1", "threads ×4 vs ×1": the two cells a speedup compares. */
const versusOne = (r: Extract<Recommendation, { ok: true }>) => `${choice(r)} vs ${r.mode === 'async' ? '1' : '×1'}`;

/** "1.16x (0.88–1.22x)", "2.00x (too few runs for an interval)"; empty at 1 worker, the baseline itself. */
function speedText(r: Extract<Recommendation, { ok: true }>, run: RunView): string {
  if (r.speedup === undefined || r.workers === 1) return '';
  const iv = speedupInterval(r, run.result);
  return `${fmtX(r.speedup)} ${iv ? `(${fmtXRange(iv.lo, iv.hi)})` : '(too few runs for an interval)'}`;
}

function cell(run: RunView, r: Recommendation | undefined): HTMLElement {
  if (!r) return h('td', { class: 'none muted' }, '—');
  if (!r.ok) return h('td', { class: 'none muted', 'data-task': r.task, title: r.reason }, 'cannot decide');
  const iv = speedupInterval(r, run.result);
  const speed = speedText(r, run);
  const key = colorKey(r.mode, r.impl);
  // An interval wholly above 1 on work one thread cannot overlap: a difference, but no gain.
  const shownNoGain = r.caveat === 'async-cpu-noise' && differenceShown(iv);
  const caveat = shownNoGain ? 'one thread cannot speed up CPU work: other load or warm-up' : caveatWords(r);
  // A flagged speedup gets a hollow ring, not the mode's dot: nothing here to act on.
  const dot = r.caveat
    ? h('i', { class: 'dot caveat', style: `border-color:${colorOf(key)}` })
    : h('i', { class: 'dot', style: `background:${colorOf(key)}` });
  return h(
    'td',
    {
      'data-task': r.task,
      'data-mode': r.mode,
      'data-decided': String(r.decided),
      ...(r.caveat ? { 'data-caveat': r.caveat } : {}),
      title: `${r.sentence}${iv ? `. Speedup vs 1 worker of the same kind, ${Math.round(iv.level * 100)}% exact bootstrap interval of the ratio of medians.` : ''}`,
    },
    // No gain shown: the headline leads with that and names the two cells compared, then the figure.
    noGain(r)
      ? h(
          'span',
          { class: 'choice' },
          dot,
          h('span', { class: 'caveat' }, shownNoGain ? 'no gain: ' : 'no difference shown: '),
          versusOne(r),
        )
      : h('span', { class: 'choice' }, dot, choice(r)),
    speed ? h('span', { class: r.caveat ? 'speed muted' : 'speed' }, ` ${speed}`) : null,
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
