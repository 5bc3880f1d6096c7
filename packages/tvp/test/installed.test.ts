// The package as a user gets it: packed into a tarball, installed with npm alone into an empty
// project outside the workspace (dependencies from the registry), then the README's lines run
// there: the sweep on Node, Bun and Deno of a task that imports the project's own dependency,
// the report, compare, summary, the API example, and the shipped types.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const root = path.resolve(pkgDir, '..', '..');
const project = mkdtempSync(path.join(os.tmpdir(), 'tvp-user-'));
const bins = path.join(project, '.bins');
const results = path.join(project, 'tvp-results');

/** The README's "In your own project" section: its shell lines and its JavaScript example. */
function readmeSection(): { sh: string[]; js: string } {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.split('\n## In your own project\n')[1]?.split('\n## ')[0] ?? '';
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] ?? '' }));
  const sh =
    blocks
      .find((b) => b.lang === 'sh')
      ?.body.trim()
      .split('\n') ?? [];
  return { sh, js: blocks.find((b) => b.lang === 'js')?.body ?? '' };
}

// Everything the workspace's scripts set is left out: a user's shell has none of it, and
// INIT_CWD or TVP_CWD would send results to the workspace.
const env: NodeJS.ProcessEnv = { ...process.env };
for (const k of Object.keys(env)) if (k === 'INIT_CWD' || k === 'TVP_CWD' || k.startsWith('npm_')) delete env[k];
env.PATH = `${bins}${path.delimiter}${env.PATH ?? ''}`;

function sh(cmd: string, args: readonly string[], timeout = 120_000): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd: project, env, encoding: 'utf8', timeout });
  if (r.error) throw r.error;
  return r;
}
const files = (runtime?: string) =>
  readdirSync(results).filter((f) => f.endsWith('.msgpack') && (runtime === undefined || f.includes(`-${runtime}-`)));
const explain = (r: SpawnSyncReturns<string>) => `exit ${r.status}\n${r.stdout}\n${r.stderr}`;

beforeAll(() => {
  // Bun and Deno as a user has them: binaries called bun and deno on PATH (here the workspace's).
  mkdirSync(bins);
  const bunDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('bun/package.json'));
  const denoFrom = createRequire(path.join(root, 'packages', 'runner-deno', 'package.json'));
  symlinkSync(path.join(bunDir, 'bin', 'bun.exe'), path.join(bins, 'bun'));
  symlinkSync(path.join(path.dirname(denoFrom.resolve('deno/package.json')), 'deno'), path.join(bins, 'deno'));

  const packed = spawnSync('pnpm', ['pack', '--pack-destination', project], { cwd: pkgDir, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`pnpm pack failed: ${packed.stderr}`);
  const tarball = readdirSync(project).find((f) => f.endsWith('.tgz')) as string;

  // The project: its own local package, and a task that imports it.
  writeFileSync(path.join(project, 'package.json'), '{ "name": "my-app", "private": true, "type": "module" }\n');
  mkdirSync(path.join(project, 'checksum'));
  writeFileSync(
    path.join(project, 'checksum', 'package.json'),
    '{ "name": "checksum", "version": "1.0.0", "type": "module", "exports": "./index.js" }\n',
  );
  writeFileSync(
    path.join(project, 'checksum', 'index.js'),
    'export const checksum = (n) => { let h = n; for (let i = 0; i < 200000; i++) h = Math.imul(h ^ i, 2654435761) >>> 0; return h; };\n',
  );
  writeFileSync(
    path.join(project, 'task.mjs'),
    "import { checksum } from 'checksum';\nexport default (n) => checksum(n);\nexport const arg = 7;\n",
  );
  const install = readmeSection().sh[0] as string;
  expect(install).toBe('npm install -D threads-vs-processes');
  const args = install
    .split(' ')
    .slice(1)
    .map((a) => (a === 'threads-vs-processes' ? `./${tarball}` : a));
  const r = sh('npm', [...args, './checksum', '--no-audit', '--no-fund', '--prefer-offline'], 240_000);
  if (r.status !== 0) throw new Error(`npm install failed: ${explain(r)}`);
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the installed package', () => {
  test("the README's run line: a result file in the project, a summary, exit 0", () => {
    const line = readmeSection().sh[1] as string;
    expect(line).toBe('npx tvp run --task-module ./task.mjs --quick');
    const [cmd, ...args] = line.split(' ');
    const r = sh(cmd as string, args);
    expect(r.status, explain(r)).toBe(0);
    expect(files('node')).toHaveLength(1);
    expect(r.stdout).toMatch(/on node 20\.|on node \d+\./);
    expect(r.stdout).toMatch(/module: 20 calls of task \(cpu-bound, sha256 [0-9a-f]{12}, answers checked\)/);
    expect(r.stdout).toMatch(/\nrecommendation \(by median total time[^\n]*\n {2}task \(module, cpu-bound\): /);
    expect(r.stdout).toContain(`wrote tvp-results/${files('node')[0]}`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      'next: npx tvp report (the charts, in a browser) · npx tvp summary (the recommendation as Markdown)',
    );
    // nothing in the package's own folder
    expect(readdirSync(path.join(project, 'node_modules', 'threads-vs-processes'))).not.toContain('tvp-results');
  });

  test('--runtime runs Node, Bun and Deno from the installed package and says why it skipped CPython', () => {
    const r = sh('npx', ['tvp', 'run', '--task-module', './task.mjs', '--quick', '--runtime', 'node,bun,deno,cpython']);
    expect(r.status, explain(r)).toBe(0);
    expect(r.stderr).toContain("tvp run: skipping cpython: CPython's series runs the article's io and cpu tasks");
    expect(r.stdout).toMatch(/on bun 1\.[\s\S]*on deno 2\./);
    expect([files('node').length, files('bun').length, files('deno').length]).toEqual([2, 1, 1]);
    // Said once, after the last runtime.
    expect(r.stdout.match(/^next: /gm)).toHaveLength(1);
  });

  test('bunx runs the sweep on Bun', () => {
    const r = sh('bun', ['x', 'tvp', 'run', '--task-module', './task.mjs', '--quick', '--quiet']);
    expect(r.status, explain(r)).toBe(0);
    expect(r.stdout).toMatch(/threads-vs-processes [\d.]+ on bun 1\./);
    expect(files('bun')).toHaveLength(2);
  });

  test('compare, report --export, summary and export read ./tvp-results', () => {
    const [a, b] = files('node').map((f) => path.join('tvp-results', f));
    const compare = sh('npx', ['tvp', 'compare', a as string, b as string, '--fail-above', '1000']);
    expect(compare.status, explain(compare)).toBe(0);
    expect(compare.stdout).toMatch(/module/);
    const report = sh('npx', ['tvp', 'report', '--export', 'report.html']);
    expect(report.status, explain(report)).toBe(0);
    expect(report.stdout).toContain(`(${files().length} runs, 0 skipped`);
    const html = readFileSync(path.join(project, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    const summary = sh('npx', ['tvp', 'summary']);
    expect(summary.status, explain(summary)).toBe(0);
    for (const runtime of ['Node', 'Bun', 'Deno'])
      expect(summary.stdout).toContain(`### ${os.hostname()} · ${runtime} `);
    const csv = sh('npx', ['tvp', 'export', 'latest:deno', '--format', 'csv']);
    expect(csv.status, explain(csv)).toBe(0);
    expect(csv.stdout.split('\n')[1]).toMatch(/module/);
  });

  test('the package holds its bundle, each chunk used, its worker entries and types', () => {
    const installed = path.join(project, 'node_modules', 'threads-vs-processes');
    const lib = path.join(installed, 'dist', 'lib');
    const chunks = readdirSync(lib);
    const code = chunks.map((f) => readFileSync(path.join(lib, f), 'utf8')).join('\n');
    const unused = chunks.filter((f) => f !== 'cli.js' && f !== 'index.js' && !code.includes(`./${f}`));
    expect(unused).toEqual([]);
    for (const w of ['thread.cjs', 'process.cjs', 'web.js', 'web-bare.js', 'pool.cjs', 'stdio.cjs', 'net-server.cjs'])
      expect(readdirSync(path.join(installed, 'dist', 'workers'))).toContain(w);
    expect(readdirSync(path.join(installed, 'dist', 'types'))).toContain('index.d.ts');
  });

  test('--version, --help, and a wrong command', () => {
    const version = sh('npx', ['tvp', '--version']);
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = sh('npx', ['tvp', 'run', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--out DIR              where the file goes (default: ./tvp-results/)');
    const reportHelp = sh('npx', ['tvp', 'report', '--help']);
    expect(reportHelp.stdout).toMatch(/^usage: tvp report /);
    expect(reportHelp.stdout).toContain('folder of result files (default: ./tvp-results/)');
    const toolsHelp = sh('npx', ['tvp', 'compare', '--help']);
    expect(toolsHelp.stdout).toContain('where run ids are looked up (default: ./tvp-results/)');
    const wrong = sh('npx', ['tvp', 'bench']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("tvp: unknown command 'bench'");
  });

  test('mistakes a user makes: exit 2, one message naming what is wrong, no usage dump, nothing written', () => {
    writeFileSync(path.join(project, 'no-default.mjs'), 'export function hash(x) { return x; }\n');
    writeFileSync(
      path.join(project, 'throws.mjs'),
      "export const arg = 3;\nexport default (n) => {\n  throw new Error('bad ' + n);\n};\n",
    );
    const before = files().length;
    const cases: [string[], string][] = [
      [
        ['run', '--task-module', './missing.mjs'],
        `error: --task-module: no such file: ${path.join(project, 'missing.mjs')}`,
      ],
      [
        ['run', '--task-module', './no-default.mjs'],
        'its default export must be a function of one argument, got undefined',
      ],
      [
        ['run', '--task-module', './throws.mjs'],
        'its function threw when called with its arg (at throws.mjs:3:9): Error: bad 3',
      ],
      [['run', '--workers', '0'], "error: --workers: '0' is not a worker count"],
      [['run', '--wrokers', '2'], 'error: unknown flag --wrokers\n(tvp run --help lists every flag and its default)'],
      [['summary', 'nowhere'], `tvp: there is no results folder ${path.join(project, 'nowhere')}`],
      [
        ['report', '--results', 'nowhere', '--export', 'r.html'],
        'tvp report: nothing to export: there is no result file in',
      ],
    ];
    for (const [args, message] of cases) {
      const r = sh('npx', ['tvp', ...args]);
      expect(r.status, `${args.join(' ')}: ${explain(r)}`).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr, args.join(' ')).not.toMatch(/^Usage:|^usage:|\n {4}at /m);
      expect(r.stdout, args.join(' ')).toBe('');
    }
    expect(files()).toHaveLength(before);
    expect(readdirSync(project)).not.toContain('r.html');
  });

  test("the README's API example runs, and writes no file", () => {
    const before = files().length;
    writeFileSync(path.join(project, 'api.mjs'), readmeSection().js);
    const r = sh('node', ['api.mjs']);
    expect(r.status, explain(r)).toBe(0);
    expect(r.stdout).toMatch(/^\d+ cells on node$/m);
    expect(r.stderr).toMatch(/cell 1 of \d+/);
    // one recommendation, for the module (the example prints it after the count of cells)
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(files()).toHaveLength(before);
  });

  test.each([
    ['bun', ['api-small.mjs']],
    ['deno', ['run', '-A', 'api-small.mjs']],
  ])('measure() on %s: its own adapter, and an abort', (runtime, args) => {
    writeFileSync(
      path.join(project, 'api-small.mjs'),
      `import { measure, MeasureAborted } from 'threads-vs-processes';
const module = new URL('./task.mjs', import.meta.url);
const { result, recommendations } = await measure({ module, workers: [1, 2], count: 6, repeat: 2, warmup: 0 });
console.log(result.env.runtime, result.cells.length, result.cells.every((c) => c.status === 'ok'), recommendations.map((r) => r.task).join());
const c = new AbortController();
const err = await measure({ module, workers: [2], count: 200, signal: c.signal, onProgress: () => c.abort() }).catch((e) => e);
console.log(err instanceof MeasureAborted, err.name, err.result.interrupted);
`,
    );
    const r = sh(runtime, args);
    expect(r.status, explain(r)).toBe(0);
    expect(r.stdout).toBe(`${runtime} 7 true module\ntrue MeasureAborted true\n`);
  });

  test('the shipped types check a typed caller, and catch a wrong option', () => {
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        include: ['check.ts'],
      }),
    );
    writeFileSync(
      path.join(project, 'check.ts'),
      `import { type Measured, MeasureAborted, MeasureOptionError, measure, type Recommendation } from 'threads-vs-processes';
const m: Measured = await measure({ module: new URL('./task.mjs', import.meta.url), workers: [1, 2], signal: new AbortController().signal });
const task: 'io' | 'cpu' | 'noop' | 'fs' | 'net' | 'module' | 'payload' | undefined = m.result.cells[0]?.task;
const recs: Recommendation[] = m.recommendations;
const names: string[] = [new MeasureAborted(undefined).name, new MeasureOptionError('x', 'y').option];
// @ts-expect-error: not an option
await measure({ wokers: [1] });
export { names, recs, task };
`,
    );
    const r = sh(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']);
    expect(r.status, explain(r)).toBe(0);
  });
});
