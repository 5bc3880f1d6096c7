import { EXPORT_FORMATS } from '@tvp/core/analysis';
import { h } from './dom.ts';

/** True when the page was exported with its data inline: there is no server to export from. */
const offline = (): boolean => Boolean(document.getElementById('tvp-data')?.textContent);

/** Links to a run's exports (`GET /api/results/:id/export`), and its stored file; none offline. */
export function exportLinks(runId: string): HTMLElement | null {
  if (offline()) return null;
  const base = `/api/results/${encodeURIComponent(runId)}`;
  return h(
    'span',
    { class: 'exports' },
    ' export: ',
    [
      ...EXPORT_FORMATS.map((f) => ({ href: `${base}/export?format=${f}`, text: f })),
      { href: `${base}/file`, text: 'msgpack' },
    ].flatMap((l, i) => [i > 0 ? ' · ' : '', h('a', { href: l.href, download: '', 'data-format': l.text }, l.text)]),
  );
}
