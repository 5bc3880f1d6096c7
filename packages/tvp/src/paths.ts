import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where results go without `--out`: a folder in the user's working directory, never in this package. */
export const RESULTS_FOLDER = 'tvp-results';

/**
 * The folder a command works in: the user's, also when a package manager's script runner started
 * us elsewhere (npm and pnpm set INIT_CWD; the monorepo's scripts set TVP_CWD).
 */
export const workingDir = (): string => process.env.TVP_CWD || process.env.INIT_CWD || process.cwd();

/** `./tvp-results` of the working directory. */
export const defaultResultsDir = (cwd: string = workingDir()): string => path.join(cwd, RESULTS_FOLDER);

// The bundle lives in dist/lib/ of the package (rolldown.config.mjs); these are relative to it.
const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

/** The command-line entry, which `tvp run --runtime` starts on the other runtimes. */
export const cliFile = (): string => here('./cli.js');

/** The report page's script, copied beside the bundle (scripts/assemble.mjs). */
export const reportScript = (): string => here('../web/app.js');

/** This package's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(here('../../package.json'), 'utf8')) as { version: string }).version;
}
