import { decodeResult, type ResultFile } from '@tvp/core';
import type { Hono } from 'hono';
import { bearerMatches } from '../auth.ts';
import { MSGPACK_TYPE } from '../constants.ts';
import { readLimited } from '../read-body.ts';
import type { ResultStore } from '../store.ts';

/** What the upload route needs to know besides the store. */
export interface UploadOptions {
  /** When set, every upload must carry `Authorization: Bearer <token>`. */
  token: string | undefined;
  maxUploadBytes: number;
}

/**
 * `POST /api/results`: a result file from another machine. Checked in the order that reads the
 * least: token (401), media type (415), size (413, before the body is read when it is declared),
 * then core's reader (400 with its reason). Only a valid file is written; 201 with its id.
 */
export function uploadRoute(app: Hono, store: ResultStore, opts: UploadOptions): void {
  app.post('/api/results', async (c) => {
    if (opts.token !== undefined && !bearerMatches(c.req.header('authorization'), opts.token)) {
      c.header('www-authenticate', 'Bearer');
      return c.json({ error: 'this server needs Authorization: Bearer <REPORT_TOKEN>' }, 401);
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== MSGPACK_TYPE) {
      return c.json({ error: `expected content-type ${MSGPACK_TYPE}, got '${type || 'none'}'` }, 415);
    }
    const body = await readLimited(c.req.raw, opts.maxUploadBytes);
    if (!body.ok) {
      c.header('connection', 'close');
      return c.json({ error: `result file larger than the ${opts.maxUploadBytes}-byte limit` }, 413);
    }
    let result: ResultFile;
    try {
      result = decodeResult(body.bytes, 'upload');
    } catch (err) {
      return c.json({ error: (err as Error).message }, 400);
    }
    const stored = await store.add(result, body.bytes);
    return c.json({ id: stored.id, file: stored.file, duplicate: stored.duplicate }, 201);
  });
}
