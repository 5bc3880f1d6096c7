import { h } from './dom.ts';

/** A table of numbers under a chart: a row per worker count, a column per line. */
export function numbersTable(caption: string, head: string[], rows: (string | number)[][]): HTMLElement {
  return h(
    'details',
    { class: 'numbers', open: true },
    h('summary', {}, caption),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((c) => h('th', {}, c)),
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
  );
}
