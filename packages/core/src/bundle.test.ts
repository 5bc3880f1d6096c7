import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

const run = promisify(execFile);
const coreDir = fileURLToPath(new URL('..', import.meta.url));
const rolldownBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('rolldown/package.json')),
  'bin',
  'cli.mjs',
);
const out = mkdtempSync(path.join(tmpdir(), 'tvp-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * The environment of a build from a shell: rolldown's logger says nothing at all under a test
 * runner (VITEST, NODE_ENV=test, TEST), which would hide the very warnings looked for, and words
 * its lines differently under CI.
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'TEST' || k === 'CI') delete env[k];
  if (env.NODE_ENV === 'test') delete env.NODE_ENV;
  return env;
}

// The build's own config, written elsewhere: dist/ is what other tests' workers load, and a
// worker started while the file is rewritten could read half of it.
test('the worker bundles build without a warning: the neutral Web Worker entry too', async () => {
  const config = path.join(out, 'rolldown.config.mjs');
  writeFileSync(
    config,
    `import config from ${JSON.stringify(pathToFileURL(path.join(coreDir, 'rolldown.config.mjs')).href)};
export default config.map((c) => ({ ...c, output: { ...c.output, file: ${JSON.stringify(out)} + '/' + c.output.file } }));
`,
  );
  const { stdout, stderr } = await run(process.execPath, [rolldownBin, '-c', config], {
    cwd: coreDir,
    env: buildEnv(),
  });
  const lines = `${stdout}\n${stderr}`.split('\n');
  // The build ran: every entry was written, the Web Worker one among them.
  for (const f of ['thread.cjs', 'process.cjs', 'web.js', 'web-bare.js', 'stdio.cjs', 'pool.cjs', 'net-server.cjs'])
    expect(existsSync(path.join(out, 'dist/workers', f)), f).toBe(true);
  expect(lines.some((l) => /Finished in/.test(l))).toBe(true);
  // What it printed besides the files it wrote and its timing: nothing (a warning is a code in brackets).
  const other = lines.filter((l) => l.trim() !== '' && !/ (asset|chunk) │ size: |Finished in /.test(l));
  expect(other).toEqual([]);
}, 60_000);
