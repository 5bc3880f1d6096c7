import path from 'node:path';
import type { ResultFile } from '@tvp/core';
import { expect, test } from 'vitest';
import { results, run, tmp } from './cli.ts';

const REPO = path.resolve(new URL('../../..', import.meta.url).pathname);

/** When a runner's sweep started and ended, from its file (ms since the epoch). */
const span = (r: ResultFile) => {
  const start = Date.parse(r.createdAt);
  return { start, end: start + (r.durationMs ?? Number.NaN) };
};

test('turbo runs the Node bench, then the Bun bench, never both at once; flags after -- reach both', () => {
  const out = tmp();
  // The root script itself, as a user runs it.
  const r = run(
    [
      'pnpm',
      ...['--dir', REPO, 'bench'],
      ...['--', '--task', 'io', '--mode', 'threads,processes', '--workers', '2', '--count', '8', '--io-ms', '20'],
      ...['--repeat', '2', '--warmup', '0', '--quiet', '--out', out],
    ],
    { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  );
  expect(r.code).toBe(0);
  // Names sort by time only to the second: order by the recorded start instead.
  const files = results(out).sort((a, b) => span(a).start - span(b).start);
  expect(files.map((f) => f.env.runtime)).toEqual(['node', 'bun']);
  for (const f of files) expect(f.config).toMatchObject({ workers: [2], count: 8, ioMs: 20, repeat: 2 });
  const [node, bun] = files.map(span) as [ReturnType<typeof span>, ReturnType<typeof span>];
  expect(node.end).toBeLessThanOrEqual(bun.start);
  expect(r.stdout.indexOf('@tvp/runner-node:bench')).toBeLessThan(r.stdout.indexOf('@tvp/runner-bun:bench'));
}, 120_000);
