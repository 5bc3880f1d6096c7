import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeResult, encodeResult, readSummary, SUMMARY_DIR } from '@tvp/core';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { IndexPayload, ResultsPayload, RunView } from '../src/payload.ts';
import { makeResult, tempDir, twoRuntimes, writeResults } from './fixtures.ts';

async function setup() {
  const dir = await tempDir();
  await writeResults(dir, twoRuntimes());
  const logged: string[] = [];
  const { app } = createApp({ resultsDir: dir, log: (l) => logged.push(l) });
  return { dir, app, logged };
}

describe('report routes (no socket)', () => {
  it('GET /api/health', async () => {
    const { app } = await setup();
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, runs: 5, skipped: 0 });
  });

  it('GET /api/results: every decoded run, newest first', async () => {
    const { app } = await setup();
    const res = await app.request('/api/results');
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as ResultsPayload;
    expect(body.runs).toHaveLength(5);
    expect(new Set(body.runs.map((r) => r.result.env.runtime))).toEqual(new Set(['node', 'bun']));
    const times = body.runs.map((r) => r.result.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(body.runs[0]!.result.cells[0]!.samples.length).toBeGreaterThan(0);
    expect(body.runs.some((r) => r.meta.sweep === 'extended')).toBe(true);
  });

  it('GET /api/results names a bad file in the payload and the log, and keeps serving', async () => {
    const { app, dir, logged } = await setup();
    await writeFile(path.join(dir, 'broken.msgpack'), Buffer.from([0x85, 0xa3, 0x66]));
    const body = (await (await app.request('/api/results')).json()) as ResultsPayload;
    expect(body.runs).toHaveLength(5);
    expect(body.skipped.map((s) => s.file)).toEqual(['broken.msgpack']);
    expect(logged.join('\n')).toContain('broken.msgpack');
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('GET /api/index lists runs without their cells', async () => {
    const { app } = await setup();
    const body = (await (await app.request('/api/index')).json()) as IndexPayload;
    expect(body.runs).toHaveLength(5);
    expect(Object.keys(body.runs[0]!).sort()).toEqual(
      ['createdAt', 'file', 'id', 'machine', 'preset', 'runtime', 'runtimeVersion', 'sweep', 'tasks'].sort(),
    );
  });

  it('GET /api/results/:id is one run as JSON, /file its stored file, found by id', async () => {
    const { app } = await setup();
    const id = twoRuntimes()[2]!.id;
    const view = (await (await app.request(`/api/results/${encodeURIComponent(id)}`)).json()) as RunView;
    expect(view.result.id).toBe(id);
    expect(view.cells.length).toBeGreaterThan(0);
    const res = await app.request(`/api/results/${encodeURIComponent(id)}/file`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/msgpack');
    expect(decodeResult(new Uint8Array(await res.arrayBuffer()), 'download').id).toBe(id);
    expect((await app.request('/api/results/nope')).status).toBe(404);
    expect((await app.request('/api/results/nope/file')).status).toBe(404);
  });

  it('GET / is the page, and its assets come from the app (no CDN)', async () => {
    const { app } = await setup();
    const html = await (await app.request('/')).text();
    expect(html).toContain('<main id="app">');
    expect(html).not.toMatch(/(src|href)="https?:/);
    for (const [asset, type] of [
      ['/assets/uPlot.iife.min.js', /javascript/],
      ['/assets/uPlot.min.css', /css/],
      ['/assets/app.js', /javascript/],
    ] as const) {
      const res = await app.request(asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      expect((await res.text()).length).toBeGreaterThan(1000);
    }
    expect(await (await app.request('/assets/app.js')).text()).not.toMatch(/^\s*(import|export)\s/m);
  });

  it.each([
    '/..%2f..%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/../package.json',
    '/api/results/..%2f..%2fpackage.json',
    '/api/results/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/api/results/..%2f..%2fpackage.json/file',
    '/assets/uPlot.min.css%00.js',
    '/assets/constructor',
  ])('%s cannot reach outside its folder: 404', async (url) => {
    const { app } = await setup();
    const res = await app.request(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/"name"\s*:|root:/);
  });
});

/** The result files in a folder: not its dot entries (the summaries' folder, the saved index). */
const resultFiles = async (dir: string) => (await readdir(dir)).filter((f) => !f.startsWith('.'));

const MSGPACK = { 'content-type': 'application/msgpack' };

describe('POST /api/results', () => {
  // A copy typed as an ArrayBuffer view, as fetch's BodyInit wants.
  const upload = (body: Uint8Array, headers: Record<string, string> = MSGPACK) => ({
    method: 'POST',
    body: new Uint8Array(body),
    headers,
  });

  it('stores a valid file atomically and answers 201 with its id; a second copy is not written', async () => {
    const dir = await tempDir();
    const { app } = createApp({ resultsDir: dir, log: () => undefined });
    const r = makeResult({ runtime: 'bun', label: 'laptop' });
    const res = await app.request('/api/results', upload(encodeResult(r)));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: r.id, duplicate: false });
    const again = await app.request('/api/results', upload(encodeResult(r)));
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ id: r.id, duplicate: true });
    const [file, ...more] = await resultFiles(dir);
    expect(more).toEqual([]);
    // Its summary beside it, for this version of the file: a first start reads it, not the file.
    expect(await readdir(path.join(dir, SUMMARY_DIR))).toEqual([`${file}.summary`]);
    const { size, mtimeMs } = await stat(path.join(dir, file!));
    expect(readSummary(path.join(dir, file!), { size, mtimeMs })).toMatchObject({
      ok: true,
      summary: { run: { id: r.id, env: { label: 'laptop' } }, cells: { task: r.cells.map((c) => c.task) } },
    });
    const body = (await (await app.request('/api/results')).json()) as ResultsPayload;
    expect(body.runs.map((x) => x.meta.machine)).toEqual(['laptop']);
  });

  it.each([
    ['garbage', new Uint8Array([0xc1, 0xc1, 0xc1]), /not a msgpack result file|expected a map/],
    ['empty', new Uint8Array(0), /upload/],
    ['schema-invalid', encodeResult({ ...makeResult({ runtime: 'node' }), id: '' }), /id: must not be empty/],
    [
      'a cell without a task',
      encodeResult({ ...makeResult({ runtime: 'node' }), cells: [{ mode: 'threads' } as never] }),
      /cells\[0\]\.task/,
    ],
  ])('%s: 400 with the reason, nothing written', async (_name, bytes, reason) => {
    const dir = await tempDir();
    const { app } = createApp({ resultsDir: dir, log: () => undefined });
    const res = await app.request('/api/results', upload(bytes));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(reason);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a reference bomb (37 KB standing for 9 million samples): 400 at once, nothing written', async () => {
    const dir = await tempDir();
    const { app } = createApp({ resultsDir: dir, log: () => undefined });
    const r = makeResult({ runtime: 'node' });
    // msgpackr's structured clone writes the cell and the sample once, then references to them.
    const cell = { ...r.cells[0]!, samples: Array(3000).fill(r.cells[0]!.samples[0]) };
    const bomb = new Packr({ structuredClone: true, useRecords: false }).pack({ ...r, cells: Array(3000).fill(cell) });
    expect(bomb.length).toBeLessThan(40_000);
    const start = performance.now();
    const res = await app.request('/api/results', upload(bomb));
    expect(res.status).toBe(400);
    expect(performance.now() - start).toBeLessThan(500);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /^upload: not a msgpack result file \(extension type/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('a file from another msgpack writer (memoryBytes as uint64, 0xcf): 201, read as a number', async () => {
    const dir = await tempDir();
    const { app } = createApp({ resultsDir: dir, log: () => undefined });
    const r = makeResult({ runtime: 'bun', label: 'other-writer' });
    const bytes = new Uint8Array(encodeResult(r));
    // msgpackr writes 8 GiB as a float64 (0xcb); Python, Go and Rust write a uint64 (0xcf).
    const at = Buffer.from(bytes).indexOf('memoryBytes') + 'memoryBytes'.length;
    expect(bytes[at]).toBe(0xcb);
    bytes[at] = 0xcf;
    new DataView(bytes.buffer, at + 1, 8).setBigUint64(0, BigInt(r.env.memoryBytes));
    const res = await app.request('/api/results', upload(bytes));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: r.id, duplicate: false });
    expect(await resultFiles(dir)).toHaveLength(1);
    const body = (await (await app.request('/api/results')).json()) as ResultsPayload;
    expect(body.runs[0]!.result.env.memoryBytes).toBe(8 * 1024 ** 3);
  });

  it('wrong content type: 415, nothing written', async () => {
    const dir = await tempDir();
    const { app } = createApp({ resultsDir: dir, log: () => undefined });
    const bytes = encodeResult(makeResult({ runtime: 'node' }));
    for (const headers of [{ 'content-type': 'application/json' }, {} as Record<string, string>]) {
      const res = await app.request('/api/results', upload(bytes, headers));
      expect(res.status).toBe(415);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('over the limit by Content-Length: 413 before reading', async () => {
    const dir = await tempDir();
    const { app } = createApp({ resultsDir: dir, log: () => undefined, maxUploadBytes: 1024 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(512));
      },
    });
    const res = await app.request('/api/results', {
      method: 'POST',
      body,
      headers: { ...MSGPACK, 'content-length': String(10 * 1024 * 1024) },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1); // a stream may prefetch one chunk; nothing is read
    expect(await readdir(dir)).toEqual([]);
  });

  it('over the limit while streaming (no Content-Length): 413 without reading it all', async () => {
    const dir = await tempDir();
    const { app } = createApp({ resultsDir: dir, log: () => undefined, maxUploadBytes: 4096 });
    let sent = 0;
    const total = 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= total) return c.close();
        sent += 1024;
        c.enqueue(new Uint8Array(1024));
      },
    });
    const res = await app.request('/api/results', {
      method: 'POST',
      body,
      headers: MSGPACK,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(16 * 1024);
    expect(await readdir(dir)).toEqual([]);
  });

  it("defaults to core's MAX_UPLOAD_BYTES (16 MiB)", async () => {
    const dir = await tempDir();
    const { app } = createApp({ resultsDir: dir, log: () => undefined });
    const big = { ...MSGPACK, 'content-length': String(16 * 1024 * 1024 + 1) };
    const res = await app.request('/api/results', { method: 'POST', body: new Uint8Array(10), headers: big });
    expect(res.status).toBe(413);
  });

  it('with REPORT_TOKEN: 401 without or with a wrong bearer token, 201 with the right one', async () => {
    const dir = await tempDir();
    const { app } = createApp({ resultsDir: dir, token: 's3cret-token', log: () => undefined });
    const bytes = encodeResult(makeResult({ runtime: 'node' }));
    for (const auth of [undefined, 'Bearer wrong', 'Basic s3cret-token', 'Bearer s3cret-toke', 's3cret-token']) {
      const headers: Record<string, string> = { ...MSGPACK };
      if (auth) headers.authorization = auth;
      const res = await app.request('/api/results', upload(bytes, headers));
      expect(res.status, String(auth)).toBe(401);
    }
    expect(await readdir(dir)).toEqual([]);
    const ok = await app.request('/api/results', upload(bytes, { ...MSGPACK, authorization: 'Bearer s3cret-token' }));
    expect(ok.status).toBe(201);
    expect((await app.request('/api/results')).status).toBe(200); // reading needs no token
  });
});
