import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeResult, type ResultFile } from '@tvp/core';
import { expect, test } from 'vitest';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** When a runner's sweep started and ended, from its file (ms since the epoch). */
const span = (r: ResultFile) => {
  const start = Date.parse(r.createdAt);
  return { start, end: start + (r.durationMs ?? Number.NaN) };
};

test('pnpm bench -- --rounds 2: every runtime in turn, rotated the next round, never two at once, one batch, flags reach every runner', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'tvp-rounds-'));
  // The root script itself, as a user runs it, with a sweep small enough to take a second.
  const tiny = ['--task', 'io', '--mode', 'threads,processes', '--workers', '2', '--count', '8', '--io-ms', '20'];
  const r = spawnSync(
    'pnpm',
    ['--dir', REPO, 'bench', '--', ...tiny, '--rounds', '2', '--repeat', '2', '--warmup', '0', '--quiet', '--out', out],
    { encoding: 'utf8', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }, timeout: 120_000 },
  );
  expect(r.stderr).not.toMatch(/error:/);
  expect(r.status).toBe(0);
  const files = readdirSync(out)
    .filter((f) => f.endsWith('.msgpack'))
    .map((f) => decodeResult(readFileSync(path.join(out, f)), f))
    // Names sort by time only to the second: order by the recorded start instead.
    .sort((a, b) => span(a).start - span(b).start);
  expect(files.map((f) => f.env.runtime)).toEqual(['node', 'bun', 'deno', 'cpython', 'bun', 'deno', 'cpython', 'node']);
  const spans = files.map(span);
  for (let i = 1; i < spans.length; i++) expect(spans[i - 1]!.end).toBeLessThanOrEqual(spans[i]!.start);
  expect(new Set(files.map((f) => f.batch?.id)).size).toBe(1);
  expect(files[0]?.batch?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(files.map((f) => [f.batch?.round, f.batch?.rounds])).toEqual([
    [1, 2],
    [1, 2],
    [1, 2],
    [1, 2],
    [2, 2],
    [2, 2],
    [2, 2],
    [2, 2],
  ]);
  for (const f of files) {
    expect(f.config).toMatchObject({ tasks: ['io'], workers: [2], count: 8, ioMs: 20, repeat: 2, warmup: 0 });
    expect(f.cells.map((c) => c.mode)).toEqual(['threads', 'processes']);
  }
  expect(r.stdout.match(/bench: round .*/g)).toEqual([
    'bench: round 1/2, node (1 of 4 this round)',
    'bench: round 1/2, bun (2 of 4 this round)',
    'bench: round 1/2, deno (3 of 4 this round)',
    'bench: round 1/2, cpython (4 of 4 this round)',
    'bench: round 2/2, bun (1 of 4 this round)',
    'bench: round 2/2, deno (2 of 4 this round)',
    'bench: round 2/2, cpython (3 of 4 this round)',
    'bench: round 2/2, node (4 of 4 this round)',
  ]);
  // Turbo runs the bench task alone: no runner has a task of its own any more.
  expect(r.stdout).toContain('@tvp/bench:bench');
  expect(r.stdout).not.toMatch(/@tvp\/runner-(node|bun|deno|python):(bench|sweep)/);
}, 120_000);
