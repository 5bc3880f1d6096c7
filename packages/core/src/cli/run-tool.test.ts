import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { fakeRun } from '../analysis/result.fixture.ts';
import { encodeResult } from '../format/codec.ts';
import { runTools } from './tools-cli.ts';

// `pnpm compare|export|summary` run scripts/run-tool.sh: turbo builds core, then the tool runs. The
// script is run here in a copy of the repository's layout whose turbo stands in for the build (the
// real one would rewrite dist/ under the other tests' workers) and prints what turbo prints; the
// tool is the real, built one.
const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'tvp-run-tool-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(path.join(root, 'scripts'));
copyFileSync(path.join(repo, 'scripts/run-tool.sh'), path.join(root, 'scripts/run-tool.sh'));
mkdirSync(path.join(root, 'node_modules/.bin'), { recursive: true });
mkdirSync(path.join(root, 'packages/core'), { recursive: true });
symlinkSync(path.join(repo, 'packages/core/dist'), path.join(root, 'packages/core/dist'));
const data = path.join(root, 'data');
mkdirSync(data);
writeFileSync(path.join(data, 'a.msgpack'), encodeResult(fakeRun({ id: 'aaaaaaaa-1' })));
writeFileSync(path.join(data, 'b.msgpack'), encodeResult(fakeRun({ id: 'bbbbbbbb-1' })));

/** A turbo that prints what the real one prints around a build, and fails when told to. */
function fakeTurbo(exitCode: number): void {
  const file = path.join(root, 'node_modules/.bin/turbo');
  writeFileSync(
    file,
    `#!/bin/sh
echo "   • turbo 2.11.11"
echo "cache miss, executing 4c2267fd1b06640e"
echo "src/engine/task-target.ts (32:38) [UNRESOLVED_IMPORT] Could not resolve 'node:fs/promises'" >&2
echo " Tasks:    1 successful, 1 total"
exit ${exitCode}
`,
  );
  chmodSync(file, 0o755);
}

function runScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'sh',
      [path.join(root, 'scripts/run-tool.sh'), ...args],
      { cwd: root, env: { ...process.env, TVP_CWD: data } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

async function inProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runTools(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd: data,
    resultsDir: data,
  });
  return { code, out, err };
}

describe('mistakes: exit 2 and one message that names what is wrong, then where the flags are', () => {
  test.each([
    [['compare', 'a.msgpack'], 'tvp: compare needs two runs, A and B; got 1\n(pnpm compare -- --help lists'],
    [['export', 'a.msgpack', '--format', 'xml'], "tvp: --format: 'xml' is not one of json"],
    [['summary', '--wat'], 'tvp: unknown flag --wat\n(pnpm summary -- --help lists every flag'],
    [['compare', 'latest:bun', 'latest'], `tvp: no run of bun in ${data} (runs of node only)`],
    [['summary', path.join(data, 'nope')], `there is no results folder ${path.join(data, 'nope')}: no run has written`],
  ])('%j', async (args, message) => {
    const r = await inProcess(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err).not.toContain('usage:');
  });
});

describe('pnpm compare, export and summary print only their own output', () => {
  test.each([
    ['compare', '--', 'a.msgpack', 'b.msgpack'],
    ['export', 'a.msgpack', '--format', 'csv'],
    ['summary', data],
  ])('%s: stdout is the tool output alone, byte for byte; the build says nothing', async (...args) => {
    fakeTurbo(0);
    const got = await runScript(args);
    const want = await inProcess(args);
    expect(want.out.length).toBeGreaterThan(0);
    expect(got).toEqual({ code: want.code, stdout: want.out, stderr: want.err });
    expect(want.err).toBe('');
  });

  test('a build that fails: its log on stderr, nothing on stdout, the tool not run', async () => {
    fakeTurbo(3);
    const got = await runScript(['compare', 'a.msgpack', 'b.msgpack']);
    expect(got.code).toBe(3);
    expect(got.stdout).toBe('');
    expect(got.stderr).toContain('Tasks:    1 successful');
    expect(got.stderr).toContain('[UNRESOLVED_IMPORT]');
    expect(got.stderr).toMatch(/tvp: building @tvp\/core failed \(its log is above\)\n$/);
  });
});
