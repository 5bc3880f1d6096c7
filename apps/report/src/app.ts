import { MAX_UPLOAD_BYTES } from '@tvp/core';
import { Hono } from 'hono';
import { type Assets, loadAssets } from './assets.ts';
import { hostGuard } from './host-guard.ts';
import { HostPolicy } from './host-policy.ts';
import { exportRoute } from './routes/export.ts';
import { healthRoute } from './routes/health.ts';
import { historyRoute } from './routes/history.ts';
import { pageRoutes } from './routes/page.ts';
import { resultsRoutes } from './routes/results.ts';
import { uploadRoute } from './routes/upload.ts';
import { type Log, ResultStore, type StoreOptions } from './store.ts';

/** What a report app serves, and under which rules. */
export interface AppOptions {
  resultsDir: string;
  /** When set, uploads need `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Default: core's MAX_UPLOAD_BYTES (16 MiB), the limit runners check before they send. */
  maxUploadBytes?: number;
  log?: Log;
  /** Default: uPlot and the built client from disk. */
  assets?: () => Promise<Assets>;
  /** Host names answered besides the bound address and loopback (`--allowed-host`): `NAME` or `NAME:PORT`. */
  allowedHosts?: readonly string[];
  /** The store's cache bound and listing freshness (defaults: CACHED_RUNS, FRESH_MS). */
  store?: StoreOptions;
  /** The command that writes a first result file here, said by the empty page (default: `pnpm bench -- --quick`). */
  firstRun?: string;
}

/** A report app, its results, and the hosts it answers to (`listen` tells them the bound port). */
export interface ReportApp {
  app: Hono;
  store: ResultStore;
  hosts: HostPolicy;
}

/** The report as a Hono app: the same on Node, Bun and Deno, and testable without a socket. */
export function createApp(opts: AppOptions): ReportApp {
  const log = opts.log ?? ((line: string) => console.warn(line));
  const store = new ResultStore(opts.resultsDir, log, opts.store);
  const hosts = new HostPolicy(opts.allowedHosts);
  const app = new Hono();
  app.use(hostGuard(hosts)); // first: no route may answer a request that was not addressed to us
  healthRoute(app, store);
  resultsRoutes(app, store);
  exportRoute(app, store);
  historyRoute(app, store);
  uploadRoute(app, store, { token: opts.token || undefined, maxUploadBytes: opts.maxUploadBytes ?? MAX_UPLOAD_BYTES });
  pageRoutes(app, opts.assets ?? loadAssets, opts.firstRun);
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((err, c) => {
    log(`report: ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json({ error: 'internal error' }, 500);
  });
  return { app, store, hosts };
}
