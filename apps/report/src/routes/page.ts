import type { Hono } from 'hono';
import type { Assets } from '../assets.ts';
import { livePage } from '../page/html.ts';

/** Files the page loads, by fixed name: no part of a request path ever reaches the file system. */
const ASSET_TYPES = {
  'uPlot.iife.min.js': ['uplotJs', 'text/javascript; charset=utf-8'],
  'uPlot.min.css': ['uplotCss', 'text/css; charset=utf-8'],
  'app.js': ['appJs', 'text/javascript; charset=utf-8'],
  'app.js.map': ['appMap', 'application/json; charset=utf-8'],
} as const satisfies Record<string, readonly [keyof Assets, string]>;

/** `GET /` the report page and `GET /assets/<name>` what it loads. */
export function pageRoutes(app: Hono, assets: () => Promise<Assets>, firstRun?: string): void {
  app.get('/', (c) => c.html(livePage(firstRun)));
  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    if (!Object.hasOwn(ASSET_TYPES, name)) return c.notFound();
    const [field, type] = ASSET_TYPES[name as keyof typeof ASSET_TYPES];
    c.header('content-type', type);
    return c.body((await assets())[field]);
  });
}
