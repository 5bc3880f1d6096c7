import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DENO_PERMISSIONS } from '../src/permissions.ts';

// The result-file readers are shared with the other runners' tests.
export { resultFiles, results } from '@tvp/testkit';

/** The Deno binary from the npm package (pnpm's .bin/deno would start Node first). */
export const DENO = new URL('../node_modules/deno/deno', import.meta.url).pathname;
/** The Deno runner's entry, run from source. */
export const CLI = new URL('../src/cli.ts', import.meta.url).pathname;
/** The command that starts the Deno runner, as the sweep script does. */
export const DENO_CLI = [DENO, 'run', '--no-prompt', ...DENO_PERMISSIONS, CLI];
/** The Node runner's built entry (a dev dependency, so turbo builds it before these tests). */
export const NODE_CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('@tvp/runner-node')), 'cli.js');

export const tmp = () => mkdtempSync(path.join(tmpdir(), 'tvp-deno-'));

/** Run a command to completion. */
export function run(cmd: string[], env: Record<string, string | undefined> = process.env) {
  const [bin, ...args] = cmd as [string, ...string[]];
  const r = spawnSync(bin, args, { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
