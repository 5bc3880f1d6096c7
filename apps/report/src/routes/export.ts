import { EXPORT_FORMATS, type ExportFormat, exportRun } from '@tvp/core/analysis';
import type { Hono } from 'hono';
import type { ResultStore } from '../store.ts';

/** Each export format's media type and file extension. */
export const EXPORT_TYPES: Record<ExportFormat, { type: string; ext: string }> = {
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  md: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  bmf: { type: 'application/json; charset=utf-8', ext: 'bmf.json' },
  'github-action-benchmark': { type: 'application/json; charset=utf-8', ext: 'gab.json' },
};

const isFormat = (f: string | undefined): f is ExportFormat => EXPORT_FORMATS.includes(f as ExportFormat);

/**
 * The download name: the stored file's name with the format's extension for `.msgpack`, reduced to
 * characters a Content-Disposition header carries unquoted (a file put in the folder by hand may
 * have a quote or a newline in its name).
 */
export const exportFileName = (file: string, format: ExportFormat): string =>
  `${file.replace(/\.msgpack$/, '').replace(/[^A-Za-z0-9_.-]+/g, '_')}.${EXPORT_TYPES[format].ext}`;

/**
 * `GET /api/results/:id/export?format=json|csv|md|bmf|github-action-benchmark`: one run in core's
 * export formats (what `pnpm export` writes), as a download. 400 names the formats on a bad one.
 */
export function exportRoute(app: Hono, store: ResultStore): void {
  app.get('/api/results/:id/export', async (c) => {
    const format = c.req.query('format');
    if (!isFormat(format))
      return c.json(
        {
          error: `format must be one of ${EXPORT_FORMATS.join(', ')}; got ${format === undefined ? 'none' : `'${format}'`}`,
        },
        400,
      );
    const run = await store.find(c.req.param('id'));
    if (!run) return c.json({ error: `no run with id '${c.req.param('id')}'` }, 404);
    c.header('content-type', EXPORT_TYPES[format].type);
    c.header('content-disposition', `attachment; filename="${exportFileName(run.meta.file, format)}"`);
    c.header('cache-control', 'no-store');
    return c.body(exportRun(run.result, format));
  });
}
