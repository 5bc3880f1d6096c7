import type { TaskKind } from '@tvp/core';
import type { Hono } from 'hono';
import { type HistoryQuery, historyOf } from '../history.ts';
import type { ResultStore } from '../store.ts';

const TASKS: readonly TaskKind[] = ['io', 'cpu', 'noop'];

/** Read the query of `GET /api/history`, or say what is wrong with it. */
export function parseHistoryQuery(q: Record<string, string | undefined>): HistoryQuery | string {
  const { machine, runtime, task, mode, impl, workers } = q;
  if (!machine) return 'machine is required';
  if (!runtime) return 'runtime is required';
  if (!TASKS.includes(task as TaskKind)) return `task must be one of ${TASKS.join(', ')}, got '${task ?? ''}'`;
  const given = [mode, impl, workers].filter((x) => x !== undefined).length;
  if (given === 0) return { machine, runtime, task: task as TaskKind };
  if (given < 3 || !mode || !impl) return 'give mode, impl and workers together, or none of them';
  if (!/^\d{1,4}$/.test(workers!) || Number(workers) < 1)
    return `workers must be a whole number of at least 1, got '${workers}'`;
  return { machine, runtime, task: task as TaskKind, cell: { mode, impl, workers: Number(workers) } };
}

/**
 * `GET /api/history?machine=&runtime=&task=[&mode=&impl=&workers=]`: a cell's median total over
 * time (default: per mode the 8-worker or largest cell), served from the index, with the runs
 * that did other work than the latest marked and a new segment wherever the work changed.
 */
export function historyRoute(app: Hono, store: ResultStore): void {
  app.get('/api/history', async (c) => {
    const q = parseHistoryQuery(c.req.query());
    if (typeof q === 'string') return c.json({ error: q }, 400);
    c.header('cache-control', 'no-store');
    return c.json(historyOf((await store.snapshot()).runs, store.keys, q));
  });
}
