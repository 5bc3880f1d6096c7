import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { MSGPACK_TYPE } from '../constants.ts';
import { payloadJson } from '../payload-json.ts';
import type { ResultStore } from '../store.ts';

/**
 * `GET /api/results`: every decoded run with its summaries, and the skipped files.
 * `GET /api/results/:id`: one run's file as stored, found by id (never by a path from the request).
 */
export function resultsRoutes(app: Hono, store: ResultStore): void {
  app.get('/api/results', async (c) => {
    c.header('content-type', 'application/json; charset=utf-8');
    c.header('cache-control', 'no-store');
    return c.body(await payloadJson(store));
  });
  app.get('/api/results/:id', async (c) => {
    const id = c.req.param('id');
    const run = (await store.snapshot()).runs.find((r) => r.result.id === id);
    if (!run) return c.json({ error: `no run with id '${id}'` }, 404);
    const bytes = await readFile(path.join(store.dir, run.file));
    c.header('content-type', MSGPACK_TYPE);
    c.header('content-disposition', `attachment; filename="${run.file}"`);
    return c.body(new Uint8Array(bytes));
  });
}
