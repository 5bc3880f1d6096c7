import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeResult } from '@tvp/core';
import { createApp, exportReport, type Listening, listen } from '@tvp/report';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runBench } from '../src/bench.ts';

// A fleet in miniature: three machines (labels) on two runtimes, each a bench of one runtime
// that uploads to one report server with a token; then the merged export and the summary, as
// the CI workflow's final job makes them.
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
// Core's `tvp` bin, where its package.json says it is (what `pnpm summary` runs).
const CORE_PKG = path.join(path.dirname(createRequire(import.meta.url).resolve('@tvp/core')), '..', 'package.json');
const TVP = path.join(
  path.dirname(CORE_PKG),
  (JSON.parse(readFileSync(CORE_PKG, 'utf8')) as { bin: { tvp: string } }).bin.tvp,
);
const TINY = ['--task', 'io', '--workers', '1,2', '--count', '4', '--repeat', '1', '--warmup', '0', '--io-ms', '2'];
const MACHINES = [
  { label: 'fleet-linux', runtime: 'node' },
  { label: 'fleet-mac', runtime: 'bun' },
  { label: 'fleet-win', runtime: 'node' },
] as const;
const TOKEN = 'fleet-s3cret';

let server: Listening;
let stored: string;
beforeAll(async () => {
  stored = mkdtempSync(path.join(tmpdir(), 'tvp-fleet-server-'));
  server = await listen(createApp({ resultsDir: stored, token: TOKEN, log: () => undefined }), '127.0.0.1', 0);
});
afterAll(() => server?.close());

/** One machine's CI job: `pnpm bench -- --runtime R --label L ... --upload URL`, in this process. */
async function benchJob(label: string, runtime: string) {
  const out = mkdtempSync(path.join(tmpdir(), `tvp-fleet-${label}-`));
  let stdout = '';
  let stderr = '';
  const argv = ['--runtime', runtime, '--label', label, ...TINY, '--quiet', '--out', out, '--upload', server.url];
  const code = await runBench(argv, {
    from: path.join(REPO, 'packages', 'bench'),
    env: { ...process.env, REPORT_TOKEN: TOKEN },
    cwd: out,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr, out };
}

test('three runners on two runtimes upload to one server; one export holds all three; the summary names each', async () => {
  for (const m of MACHINES) {
    const job = await benchJob(m.label, m.runtime);
    expect(job.stderr, `${m.label}: ${job.stderr}`).not.toMatch(/error/i);
    expect(job.code).toBe(0);
    expect(readdirSync(job.out).filter((f) => f.endsWith('.msgpack'))).toHaveLength(1);
  }
  const runs = readdirSync(stored)
    .filter((f) => f.endsWith('.msgpack'))
    .map((f) => decodeResult(readFileSync(path.join(stored, f)), f));
  expect(runs.map((r) => `${r.env.label} ${r.env.runtime}`).sort()).toEqual(
    MACHINES.map((m) => `${m.label} ${m.runtime}`),
  );

  const file = path.join(stored, '..', `${path.basename(stored)}-report.html`);
  const exported = await exportReport(stored, file, () => undefined);
  expect(exported).toMatchObject({ runs: 3, skipped: 0 });
  const html = readFileSync(file, 'utf8');
  for (const m of MACHINES) expect(html).toContain(`"label":"${m.label}"`);

  const summary = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [TVP, 'summary', stored], (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout, stderr }),
    ),
  );
  expect(summary.stderr).toBe('');
  expect(summary.code).toBe(0);
  expect(summary.stdout).toContain('3 machine/runtime pair(s) on 3 machine(s)');
  for (const m of MACHINES)
    expect(summary.stdout).toMatch(new RegExp(`^### ${m.label} · ${m.runtime === 'node' ? 'Node' : 'Bun'} `, 'm'));
  expect(summary.stdout.match(/^- \*\*IO\*\*: /gm)).toHaveLength(3);
}, 180_000);
