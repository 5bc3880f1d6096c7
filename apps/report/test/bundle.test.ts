import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

const run = promisify(execFile);
const reportDir = fileURLToPath(new URL('..', import.meta.url));
const rolldownBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('rolldown/package.json')),
  'bin',
  'cli.mjs',
);
const out = mkdtempSync(path.join(tmpdir(), 'tvp-page-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** A shell's environment: rolldown's logger is silent under a test runner and words lines differently under CI. */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'TEST' || k === 'CI') delete env[k];
  if (env.NODE_ENV === 'test') delete env.NODE_ENV;
  return env;
}

// The page's own config, written elsewhere: other tests serve dist/web/app.js.
test("the page's script, with core's analysis bundled for the browser, builds without a warning", async () => {
  const config = path.join(out, 'rolldown.config.mjs');
  const own = pathToFileURL(path.join(reportDir, 'rolldown.config.mjs')).href;
  writeFileSync(
    config,
    `import c from ${JSON.stringify(own)};
export default { ...c, output: { ...c.output, file: ${JSON.stringify(out)} + '/' + c.output.file } };
`,
  );
  const { stdout, stderr } = await run(process.execPath, [rolldownBin, '-c', config], {
    cwd: reportDir,
    env: buildEnv(),
  });
  const lines = `${stdout}\n${stderr}`.split('\n');
  expect(existsSync(path.join(out, 'dist/web/app.js'))).toBe(true);
  expect(lines.some((l) => /Finished in/.test(l))).toBe(true);
  const other = lines.filter((l) => l.trim() !== '' && !/ (asset|chunk) │ size: |Finished in /.test(l));
  expect(other).toEqual([]);
}, 60_000);
