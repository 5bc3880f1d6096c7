import { exportRun } from '@tvp/core/analysis';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { exportFileName } from '../src/routes/export.ts';
import { tempDir, twoRuntimes, writeResults } from './fixtures.ts';

async function setup() {
  const dir = await tempDir();
  const runs = twoRuntimes();
  const files = await writeResults(dir, runs);
  const { app } = createApp({ resultsDir: dir, log: () => undefined });
  return { app, run: runs[0]!, file: files[0]! };
}

const url = (id: string, format: string) => `/api/results/${encodeURIComponent(id)}/export?format=${format}`;

describe('GET /api/results/:id/export', () => {
  it.each([
    ['json', /^application\/json/, '.json'],
    ['csv', /^text\/csv/, '.csv'],
    ['md', /^text\/markdown/, '.md'],
    ['bmf', /^application\/json/, '.bmf.json'],
    ['github-action-benchmark', /^application\/json/, '.gab.json'],
  ] as const)('format=%s: core exportRun, its media type, a download name', async (format, type, ext) => {
    const { app, run, file } = await setup();
    const res = await app.request(url(run.id, format));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${file.replace(/\.msgpack$/, '')}${ext}"`,
    );
    expect(await res.text()).toBe(exportRun(run, format));
  });

  it('the body is what the format says: CSV has a header and a row per ok cell, BMF a metric per cell', async () => {
    const { app, run } = await setup();
    const csv = (await (await app.request(url(run.id, 'csv'))).text()).trim().split('\n');
    expect(csv[0]).toMatch(/^runtime,label,task,mode,impl,workers,n,medianMs,/);
    expect(csv).toHaveLength(1 + run.cells.filter((c) => c.status === 'ok').length);
    const bmf = (await (await app.request(url(run.id, 'bmf'))).json()) as Record<string, { 'total-ms': unknown }>;
    expect(Object.values(bmf)[0]).toHaveProperty('total-ms.value');
  });

  it('a bad or missing format is a 400 that names the formats; an unknown run a 404', async () => {
    const { app, run } = await setup();
    for (const bad of ['xml', '']) {
      const res = await app.request(url(run.id, bad));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(
        /^format must be one of json, csv, md, bmf, github-action-benchmark; got '/,
      );
    }
    const none = await app.request(`/api/results/${encodeURIComponent(run.id)}/export`);
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: string }).error).toMatch(/got none$/);
    expect((await app.request(url('nope', 'csv'))).status).toBe(404);
  });

  it('a hand-named file cannot break the header', () => {
    expect(exportFileName('a"b\r\nc.msgpack', 'csv')).toBe('a_b_c.csv');
  });
});
