import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { decodeResult } from '@tvp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { type Listening, listen } from '../src/serve.ts';
import { tempDir } from './fixtures.ts';

// The Node runner as a user starts it: its built CLI, found through its package.
const RUNNER = path.join(path.dirname(createRequire(import.meta.url).resolve('@tvp/runner-node')), 'cli.js');

const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.msgpack'));

function runner(out: string, url: string, token: string | undefined) {
  const env = { ...process.env, REPORT_TOKEN: token };
  if (token === undefined) delete env.REPORT_TOKEN;
  const args = ['--task', 'noop', '--mode', 'threads', '--workers', '1', '--count', '3', '--repeat', '1', '--quiet'];
  // Asynchronous: the server answers from this very process, so its event loop must keep running.
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const argv = [RUNNER, ...args, '--out', out, '--upload', url];
    execFile(process.execPath, argv, { env, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe('a runner with --upload, against a report server with a token', () => {
  let server: Listening;
  let stored: string;
  beforeAll(async () => {
    stored = await tempDir();
    server = await listen(createApp({ resultsDir: stored, token: 's3cret', log: () => undefined }), '127.0.0.1', 0);
  });
  afterAll(() => server.close());

  it('sends the file it wrote: the server stores the same run', async () => {
    const out = await tempDir();
    const r = await runner(out, server.url, 's3cret');
    expect(r.stderr).not.toMatch(/^error:/m);
    expect(r.status).toBe(0);
    const [local] = files(out);
    const id = decodeResult(readFileSync(path.join(out, local as string)), 'local').id;
    expect(r.stdout).toContain(`uploaded to ${server.url} as ${id}`);
    const remote = files(stored).map((f) => decodeResult(readFileSync(path.join(stored, f)), f).id);
    expect(remote).toEqual([id]);
  });

  it('a wrong token: the runner exits 1 and says so, keeps its file, the server stores nothing new', async () => {
    const before = files(stored).length;
    const out = await tempDir();
    const r = await runner(out, server.url, 'wrong');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/upload to .* refused: HTTP 401/);
    expect(files(out)).toHaveLength(1);
    expect(files(stored)).toHaveLength(before);
  });
});
