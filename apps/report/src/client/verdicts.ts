import type { Mode } from '@tvp/core';
import { fmtX, fmtXRange, type Recommendation, recommend, runtimeName, taskName } from '@tvp/core/analysis';
import type { RunView } from '../payload.ts';
import { h } from './dom.ts';
import { colorKey, colorOf } from './palette.ts';
import { speedupInterval } from './speedup-interval.ts';

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

/** The sentence's reason: what follows its first "; " (core's wording), else nothing. */
function reason(r: Extract<Recommendation, { ok: true }>): string {
  const i = r.sentence.indexOf('; ');
  const why = i < 0 ? '' : r.sentence.slice(i + 2);
  return r.decided ? why : `no difference shown from the runner-up${why ? `; ${why}` : ''}`;
}

function cell(run: RunView, r: Recommendation | undefined): HTMLElement {
  if (!r) return h('td', { class: 'none muted' }, '—');
  if (!r.ok) return h('td', { class: 'none muted', 'data-task': r.task, title: r.reason }, 'cannot decide');
  const iv = speedupInterval(r, run.result);
  const speed = r.speedup === undefined ? '' : `${fmtX(r.speedup)}${iv ? ` (${fmtXRange(iv.lo, iv.hi)})` : ''}`;
  const key = colorKey(r.mode, r.impl);
  return h(
    'td',
    {
      'data-task': r.task,
      'data-mode': r.mode,
      'data-decided': String(r.decided),
      title: `${r.sentence}${iv ? `. Speedup vs 1 worker of the same kind, ${Math.round(iv.level * 100)}% exact bootstrap interval of the ratio of medians.` : ''}`,
    },
    h('span', { class: 'choice' }, h('i', { class: 'dot', style: `background:${colorOf(key)}` }), choice(r)),
    speed ? h('span', { class: 'speed' }, ` ${speed}`) : null,
    h('br'),
    h(
      'span',
      { class: 'why muted' },
      [r.impl === 'main' || colorKey(r.mode, r.impl) !== r.mode ? '' : r.impl, reason(r)].filter(Boolean).join(' · '),
    ),
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
          tasks.map((t) => h('th', {}, taskName(t))),
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
