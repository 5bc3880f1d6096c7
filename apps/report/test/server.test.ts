import { readdir } from 'node:fs/promises';
import { encodeResult } from '@tvp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { ResultsPayload } from '../src/payload.ts';
import { type Listening, listen } from '../src/serve.ts';
import { makeResult, tempDir, twoRuntimes, writeResults } from './fixtures.ts';
import { type LoadRequest, loadRun } from './load.ts';

describe('served on a real socket (loopback)', () => {
  let server: Listening;
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
    await writeResults(dir, twoRuntimes());
    server = await listen(createApp({ resultsDir: dir, log: () => undefined }), '127.0.0.1', 0);
  });
  afterAll(() => server.close());

  it('prints a URL on 127.0.0.1 and answers health', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('a burst of 250 requests, 20 at once, uploads among page loads: no error, no file lost', async () => {
    const uploads = Array.from({ length: 50 }, (_, i) =>
      encodeResult(
        makeResult({
          runtime: i % 2 ? 'bun' : 'node',
          seed: 100 + i,
          id: `burst-${i}`,
          label: `m${i % 3}`,
          createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
        }),
      ),
    );
    const requests: LoadRequest[] = [];
    for (let i = 0; i < 200; i++) {
      const kind = i % 4;
      if (kind === 0) {
        // every upload twice: the copy must be recognised, not written again
        const bytes = uploads[((i / 4) % 50) | 0]!;
        requests.push({
          path: '/api/results',
          init: { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': 'application/msgpack' } },
        });
      } else requests.push({ path: ['/', '/api/results', '/assets/app.js'][kind - 1]! });
    }
    const uploadsTwice = requests.filter((r) => r.init).length;
    expect(uploadsTwice).toBe(50);
    for (let i = 0; i < 50; i++)
      requests.push({
        path: '/api/results',
        init: { method: 'POST', body: new Uint8Array(uploads[i]!), headers: { 'content-type': 'application/msgpack' } },
      });
    const out = await loadRun(server.url, requests.slice(0, 250), 20);
    const bad = out.filter((o) => o.status < 200 || o.status >= 300);
    expect(bad).toEqual([]);
    const files = await readdir(dir);
    expect(files.filter((f) => !f.startsWith('.'))).toHaveLength(5 + 50);
    const body = (await (await fetch(`${server.url}/api/results`)).json()) as ResultsPayload;
    expect(new Set(body.runs.map((r) => r.result.id)).size).toBe(55);
    expect(body.skipped).toEqual([]);
  });

  it('the load generator refuses anything but loopback', async () => {
    await expect(loadRun('http://example.com', [{ path: '/' }], 1)).rejects.toThrow(/loopback only/);
  });
});
