import type { Cell, ResultFile } from '../format/types.ts';

/** A cell whose workers lived across its runs (`--pool warm`): its samples hold no spawn and no teardown. */
export const isWarm = (c: Pick<Cell, 'pool'>): boolean => c.pool === 'warm';

/**
 * The run with its cold cells only: what every batch analysis reads (speedup, fits, worker cost,
 * fidelity, recommendations, export, runtime pairs). A warm sample has no spawn, so it would look
 * like a free start to the worker-cost fits, and a warm cell shares its task, mode, impl and
 * workers with its cold neighbour, whose statistics it would replace. Warm cells are read by
 * `warmPairs` and the page's cold-against-warm figure only. Returns `r` itself when it has none.
 */
export function coldOnly<R extends Pick<ResultFile, 'cells'>>(r: R): R {
  return r.cells.some(isWarm) ? { ...r, cells: r.cells.filter((c) => !isWarm(c)) } : r;
}
