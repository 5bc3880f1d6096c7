import { recommend, recommendationEvidence, recommendationText, runtimeName } from '@tvp/core/analysis';
import type { RunView } from '../payload.ts';
import { h } from './dom.ts';
import { exportLinks } from './export-links.ts';

/** How a run is named by the sweep it belongs to. */
const SWEEP_WORDS: Record<RunView['sweep'], string> = {
  standard: '1..8',
  extended: 'extended sweep',
  payload: 'payload run',
};

/**
 * The recommendation of each shown run, one line per runtime and task with its evidence (core's
 * recommend), or why the data cannot decide; each run with its export links.
 */
export function recommendationsPanel(runs: RunView[]): HTMLElement | null {
  if (runs.length === 0) return null;
  return h(
    'div',
    { class: 'recommendations' },
    h('h3', {}, 'Recommendation'),
    runs.map((run) => {
      const { env } = run.result;
      const who = `${runtimeName(env.runtime)} ${env.runtimeVersion}, ${SWEEP_WORDS[run.sweep]}`;
      const recs = recommend(run.result);
      return h(
        'div',
        { class: 'rec-run', 'data-run': run.result.id },
        h('h4', {}, `${who} (run ${run.result.id.slice(0, 8)})`, exportLinks(run.result.id)),
        recs.length === 0
          ? h('p', { class: 'muted' }, 'No io or cpu task in this run: nothing to recommend.')
          : h(
              'ul',
              { class: 'findings' },
              recs.map((r) =>
                h(
                  'li',
                  {
                    class: 'recommendation',
                    'data-runtime': env.runtime,
                    'data-task': r.task,
                    'data-decided': r.ok ? String(r.decided) : 'no-data',
                  },
                  recommendationText(r),
                  r.ok ? [h('br'), h('span', { class: 'basis' }, recommendationEvidence(r))] : null,
                ),
              ),
            ),
      );
    }),
  );
}
