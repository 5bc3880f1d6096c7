import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { MSGPACK_TYPE } from '../constants.ts';
import { parsePage } from '../paging.ts';
import { indexJson, payloadStream } from '../payload-json.ts';
import type { ResultStore } from '../store.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `GET /api/results?limit=&cursor=` (or `?offset=`): a page of the decoded runs, newest first, at
 * most PAGE_LIMIT (100), streamed run by run; `next` is the cursor of the following page, null on
 * the last. Every run is had by following `next`: the server never builds one document of all.
 * `GET /api/index`: what the page lists (run metas and skipped files), small at any folder size.
 * `GET /api/results/:id` one run as JSON, `GET /api/results/:id/file` its file as stored; found by
 * id, never by a path from the request.
 */
export function resultsRoutes(app: Hono, store: ResultStore): void {
  app.get('/api/results', async (c) => {
    const req = parsePage({
      limit: c.req.query('limit'),
      cursor: c.req.query('cursor'),
      offset: c.req.query('offset'),
    });
    if (!req.ok) return c.json({ error: req.error }, 400);
    c.header('content-type', JSON_TYPE);
    c.header('cache-control', 'no-store');
    return c.body(await payloadStream(store, req.limit, req.start));
  });
  app.get('/api/index', async (c) => {
    c.header('content-type', JSON_TYPE);
    c.header('cache-control', 'no-store');
    return c.body(await indexJson(store));
  });
  app.get('/api/results/:id', async (c) => {
    const run = await store.find(c.req.param('id'));
    if (!run) return c.json({ error: `no run with id '${c.req.param('id')}'` }, 404);
    c.header('content-type', JSON_TYPE);
    return c.body(run.json);
  });
  app.get('/api/results/:id/file', async (c) => {
    const run = await store.find(c.req.param('id'));
    if (!run) return c.json({ error: `no run with id '${c.req.param('id')}'` }, 404);
    const bytes = await readFile(path.join(store.dir, run.meta.file));
    c.header('content-type', MSGPACK_TYPE);
    c.header('content-disposition', `attachment; filename="${run.meta.file}"`);
    return c.body(new Uint8Array(bytes));
  });
}
