import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir, twoRuntimes, writeResults } from './fixtures.ts';
import { request } from './http.ts';

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

/**
 * Start the built server; resolves with its port once it printed `lines` lines. A server that does
 * not get there in 10 s is killed and the promise rejects with what it printed: no test leaves one.
 */
function serve(args: string[], lines: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], {
    env: { ...process.env, REPORT_TOKEN: '', REPORT_ALLOWED_HOSTS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // stdout: all it printed so far (to a pipe, Node writes synchronously on Linux).
  return new Promise<{ child: ChildProcess; port: number; stdout: () => string }>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`tvp-report printed no ${lines} lines in 10 s: ${stdout}${stderr}`));
    }, 10_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const port = /report: http:\/\/[^ ]+:(\d+) /.exec(stdout)?.[1];
      if (port && stdout.split('\n').length > lines) {
        clearTimeout(timer);
        resolve({ child, port: Number(port), stdout: () => stdout });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tvp-report exited ${code}: ${stderr}`));
    });
  });
}

describe('tvp-report command line (built)', () => {
  it('--allowed-host: printed at start, and the server it starts answers that name and refuses others', async () => {
    const dir = await tempDir();
    const { child, port, stdout } = await serve(['--results', dir, '--allowed-host', 'report.lan,box.lan:9000'], 2);
    try {
      expect(stdout()).toContain('report: also answers to Host report.lan, box.lan:9000');
      expect((await request(port, { host: `report.lan:${port}` })).status).toBe(200);
      expect((await request(port, { host: `127.0.0.1:${port}` })).status).toBe(200);
      const evil = await request(port, { host: 'evil.example' });
      expect(evil.status).toBe(421);
      expect(evil.body).toContain('--allowed-host evil.example');
    } finally {
      child.kill();
    }
  });

  it('loopback and no allowed names: nothing printed about hosts', async () => {
    const { child, port, stdout } = await serve(['--results', await tempDir()], 1);
    try {
      // The host lines follow the URL line in the same tick, and pipe writes are synchronous: none came.
      expect((await request(port, { host: `localhost:${port}` })).status).toBe(200);
      expect(stdout()).toMatch(/^report: http:\/\/127\.0\.0\.1:\d+ /);
      expect(stdout()).not.toMatch(/answers/);
    } finally {
      child.kill();
    }
  });

  it('0.0.0.0 with a token and no allowed names: says which names it answers, and how to add more', async () => {
    const { child, port, stdout } = await serve(['--results', await tempDir(), '--host', '0.0.0.0'], 2, {
      REPORT_TOKEN: 't',
    });
    try {
      expect(stdout()).toContain(
        `report: answers only to Host 0.0.0.0:${port} and loopback names; add --allowed-host NAME`,
      );
    } finally {
      child.kill();
    }
  });

  it('refuses a non-loopback host without REPORT_TOKEN: exit 2 and why', async () => {
    const r = await cli(['--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to serve on 0\.0\.0\.0 without REPORT_TOKEN/);
  });

  it('a bad flag: exit 2, the message and where the flags are, not the whole usage', async () => {
    const r = await cli(['--port', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tvp-report: .*--port/);
    expect(r.stderr).toContain('(pnpm report -- --help lists every flag and its default)');
    expect(r.stderr).not.toMatch(/usage: tvp-report/);
  });

  it('--export of a folder with no result file: exit 2, says so, writes nothing', async () => {
    const dir = await tempDir();
    const r = await cli(['--results', dir, '--export', path.join(dir, 'report.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`nothing to export: there is no result file in ${dir}`);
    await expect(readFile(path.join(dir, 'report.html'))).rejects.toThrow(/ENOENT/);
  });

  it('serving a folder with no result file: says how to write one', async () => {
    const { child, stdout } = await serve(['--results', await tempDir()], 2);
    try {
      expect(stdout()).toMatch(/no result file in .* yet: `pnpm bench -- --quick` writes one there/);
    } finally {
      child.kill();
    }
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
