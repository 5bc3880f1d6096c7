import { TOOL_VERSION } from '@tvp/core';
import type { Hono } from 'hono';
import type { ResultStore } from '../store.ts';

/** `GET /api/health`: up, and how many runs and skipped files the folder holds. */
export function healthRoute(app: Hono, store: ResultStore): void {
  app.get('/api/health', async (c) => {
    const snap = await store.snapshot();
    return c.json({ ok: true, version: TOOL_VERSION, runs: snap.runs.length, skipped: snap.skipped.length });
  });
}
