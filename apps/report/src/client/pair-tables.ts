import type { ResultFile } from '@tvp/core';
import {
  fmtX,
  fmtXRange,
  type LinePair,
  linesOf,
  pairRuntimes,
  runtimeName,
  TASK_KINDS,
  withinMargin,
} from '@tvp/core/analysis';
import type { RunView } from '../payload.ts';
import { h } from './dom.ts';
import { taskLabel } from './task-label.ts';

const VERDICT_TEXT = {
  faster: 'faster',
  slower: 'slower',
  equal: withinMargin,
  unresolved: 'no difference shown',
} as const;

/** The baseline of cross-runtime comparisons: Node's run, else the first. */
export const baseOf = (runs: RunView[]): RunView | undefined =>
  runs.find((r) => r.result.env.runtime === 'node') ?? runs[0];

const label = (l: LinePair['other']) => `${l.mode}${l.impl === 'main' ? '' : ` (${l.impl})`}`;

/**
 * One runtime against the base, every task and cell both measured, as one table: the cell, the
 * time ratio (other / base, medians), its 95% interval and the verdict the interval supports. Its
 * one-line summary counts the verdicts; runs that did different work say why they are not compared.
 */
function pairTable(base: RunView, other: RunView, pool: readonly ResultFile[]): HTMLElement {
  const B = runtimeName(base.result.env.runtime);
  const O = runtimeName(other.result.env.runtime);
  const rows: (string | number)[][] = [];
  const refused: string[] = [];
  const counts = { faster: 0, slower: 0, equal: 0, unresolved: 0, unjudged: 0 };
  for (const task of TASK_KINDS) {
    if (linesOf(other, task).length === 0 || linesOf(base, task).length === 0) continue;
    const c = pairRuntimes(base, other, task, pool);
    if (!c.ok) {
      refused.push(`${taskLabel([base, other], task)}: ${c.reasons.join('; ')}`);
      continue;
    }
    for (const p of c.pairs)
      for (const q of p.points) {
        const v = q.judged?.verdict;
        counts[v ?? 'unjudged']++;
        rows.push([
          `${taskLabel([base, other], task)} ${label(p.other)} ×${q.workers}`,
          fmtX(q.ratio),
          q.judged ? fmtXRange(q.judged.interval.lo, q.judged.interval.hi) : '',
          v ? VERDICT_TEXT[v] : 'too few samples',
        ]);
      }
  }
  const parts = [
    counts.faster && `${counts.faster} faster`,
    counts.slower && `${counts.slower} slower`,
    counts.equal && `${counts.equal} equal`,
    counts.unresolved && `${counts.unresolved} no difference shown`,
  ].filter(Boolean);
  const summary =
    rows.length === 0 ? `${O} vs ${B}: not compared` : `${O} / ${B} time: ${rows.length} cells, ${parts.join(', ')}`;
  return h(
    'details',
    { class: 'pair', 'data-pair': `${other.result.env.runtime}/${base.result.env.runtime}` },
    h('summary', {}, summary),
    refused.length > 0
      ? h('p', { class: 'incomparable' }, `Not compared, the runs did different work: ${refused.join(' · ')}`)
      : null,
    rows.length > 0
      ? h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['cell', `ratio ${O} / ${B}`, '95% interval', 'verdict'].map((c) => h('th', {}, c)),
              ),
            ),
            h(
              'tbody',
              {},
              rows.map((r) =>
                h(
                  'tr',
                  {},
                  r.map((c) => h('td', {}, c)),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}

/** Every other runtime against the base runtime, one collapsed table per pair; none with one runtime. */
export function pairTables(runs: RunView[], pool: readonly ResultFile[]): HTMLElement | null {
  const base = baseOf(runs);
  if (!base || runs.length < 2) return null;
  return h(
    'div',
    { class: 'pairs' },
    h(
      'h4',
      {},
      `Runtime against ${runtimeName(base.result.env.runtime)}`,
      h(
        'span',
        {
          class: 'muted',
          title:
            'ratio of median totals; 95% exact bootstrap interval (over every round when both runtimes ran several); "equal" only when the interval lies within ±5%',
        },
        ' (ratio < 1: faster)',
      ),
    ),
    runs.filter((r) => r !== base).map((o) => pairTable(base, o, pool)),
  );
}
