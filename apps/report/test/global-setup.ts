import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Build before testing: the page, the export and the command line are tested as built (dist/),
 * so a test run must never see stale JavaScript. tsc 7 and rolldown take about a second.
 */
export default function setup(): void {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  // typescript's exports map hides bin/; its package.json is exported and sits beside it.
  const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd, stdio: 'inherit' });
  const rolldown = path.join(
    path.dirname(createRequire(import.meta.url).resolve('rolldown/package.json')),
    'bin',
    'cli.mjs',
  );
  execFileSync(process.execPath, [rolldown, '-c', 'rolldown.config.mjs'], { cwd, stdio: 'ignore' });
}
