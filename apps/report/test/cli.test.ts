import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir, twoRuntimes, writeResults } from './fixtures.ts';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, REPORT_TOKEN: '', ...env },
      timeout: 15_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('tvp-report command line (built)', () => {
  it('refuses a non-loopback host without REPORT_TOKEN: exit 2 and why', async () => {
    const r = await cli(['--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to serve on 0\.0\.0\.0 without REPORT_TOKEN/);
  });

  it('a bad flag: exit 2 with usage', async () => {
    const r = await cli(['--port', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: tvp-report/);
  });

  it('--export writes one self-contained page, relative to the folder pnpm ran in', async () => {
    const dir = await tempDir();
    await writeResults(dir, twoRuntimes());
    const r = await cli(['--', '--results', dir, '--export', 'out/report.html'], { TVP_CWD: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wrote .*out\/report\.html \(5 runs, 0 skipped/);
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('id="tvp-data"');
    expect(html).toContain('uPlot');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet[^>]+href=/);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });
});
