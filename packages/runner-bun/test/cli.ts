import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The result-file readers are shared with the other runners' tests.
export { resultFiles, results } from '@tvp/testkit';

/** The Bun runner's entry, run from source. */
export const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
/** The Node runner's built entry (a dev dependency, so turbo builds it before these tests). */
export const NODE_CLI = path.join(path.dirname(fileURLToPath(import.meta.resolve('@tvp/runner-node'))), 'cli.js');

export const tmp = () => mkdtempSync(path.join(tmpdir(), 'tvp-bun-'));

/** Run a command to completion. */
export function run(cmd: string[], env: Record<string, string | undefined> = process.env) {
  const r = Bun.spawnSync(cmd, { env, stdout: 'pipe', stderr: 'pipe', timeout: 60_000 });
  return { code: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}
