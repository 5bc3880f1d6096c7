import { h } from './dom.ts';

/**
 * A table of numbers under a chart, collapsed unless `open` (a table the reader asked for, or one
 * inside a box that is itself collapsed): a row per worker count, a column per line.
 */
export function numbersTable(
  summary: string,
  head: string[],
  rows: (string | number)[][],
  caption?: string,
  open = false,
): HTMLElement {
  return h(
    'details',
    { class: 'numbers', open },
    h('summary', {}, summary),
    caption ? h('p', { class: 'muted' }, caption) : null,
    h(
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
    ),
  );
}
