import type { RunSummary } from './store/run-summary.ts';

/** Runs per page of `GET /api/results` when no `limit` is given, and the most a page may ask for. */
export const PAGE_LIMIT = 100;

/** Where a page of `GET /api/results` starts: after a cursor, or at an offset. */
export type PageStart = { kind: 'cursor'; createdAt: string; id: string } | { kind: 'offset'; offset: number };

/** A valid page request, or what is wrong with it. */
export type PageRequest = { ok: true; limit: number; start: PageStart } | { ok: false; error: string };

/** The cursor after a run: its time and id, opaque to clients (base64url of JSON). */
export const cursorOf = (r: RunSummary): string =>
  Buffer.from(JSON.stringify([r.meta.createdAt, r.meta.id])).toString('base64url');

function parseCursor(text: string): PageStart | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { kind: 'cursor', createdAt: v[0], id: v[1] };
  } catch {
    // not JSON: said below
  }
  return undefined;
}

const wholeNumber = (s: string) => /^\d{1,9}$/.test(s);

/** Read `?limit=&cursor=` or `?limit=&offset=`: a limit of 1..PAGE_LIMIT, a cursor from `next`, or an offset. */
export function parsePage(q: {
  limit?: string | undefined;
  cursor?: string | undefined;
  offset?: string | undefined;
}): PageRequest {
  let limit = PAGE_LIMIT;
  if (q.limit !== undefined) {
    if (!wholeNumber(q.limit) || Number(q.limit) < 1 || Number(q.limit) > PAGE_LIMIT)
      return { ok: false, error: `limit must be a whole number from 1 to ${PAGE_LIMIT}, got '${q.limit}'` };
    limit = Number(q.limit);
  }
  if (q.cursor !== undefined && q.offset !== undefined) return { ok: false, error: 'give cursor or offset, not both' };
  if (q.cursor !== undefined) {
    const start = parseCursor(q.cursor);
    return start
      ? { ok: true, limit, start }
      : { ok: false, error: `cursor '${q.cursor}' is not one this server gave` };
  }
  if (q.offset !== undefined) {
    if (!wholeNumber(q.offset)) return { ok: false, error: `offset must be a whole number, got '${q.offset}'` };
    return { ok: true, limit, start: { kind: 'offset', offset: Number(q.offset) } };
  }
  return { ok: true, limit, start: { kind: 'offset', offset: 0 } };
}

/**
 * The newest-first order of the index: time descending, then id, a total order, so a cursor
 * stays valid when runs are added before it or removed.
 */
export const newestFirst = (a: RunSummary, b: RunSummary): number =>
  order(b.meta.createdAt, a.meta.createdAt) || order(a.meta.id, b.meta.id);

// Code-unit order, the same as the cursor's comparisons (localeCompare may differ from `<`).
const order = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** The runs of one page, and the cursor of the next (undefined on the last page). */
export function pageOf(runs: readonly RunSummary[], limit: number, start: PageStart) {
  let from: number;
  if (start.kind === 'offset') from = start.offset;
  else {
    const i = runs.findIndex(
      (r) => r.meta.createdAt < start.createdAt || (r.meta.createdAt === start.createdAt && r.meta.id > start.id),
    );
    from = i === -1 ? runs.length : i;
  }
  const page = runs.slice(from, from + limit);
  const more = from + limit < runs.length && page.length > 0;
  return { page, next: more ? cursorOf(page[page.length - 1]!) : undefined };
}
