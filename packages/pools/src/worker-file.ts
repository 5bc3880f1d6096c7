import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { workerEntry } from '@tvp/core';

const require = createRequire(import.meta.url);

/**
 * Core's bundled pool worker (it exports `poolTask`): the file piscina and tinypool load. Found by
 * core itself, so that it is found wherever core's code is (here, or bundled into the installable package).
 */
export const poolWorkerFile: string = fileURLToPath(workerEntry('pool'));

/** workerpool's worker script: it registers core's `poolTask` with workerpool. */
export const workerpoolScript: string = require.resolve('../worker/workerpool.cjs');

/** The installed version of a package that exports its package.json. */
export const installedVersion = (name: string): string =>
  (require(`${name}/package.json`) as { version: string }).version;

/**
 * How long a worker may idle before a library stops it: an hour, far beyond any hub run, so that
 * no worker is stopped or replaced between tasks and the spawn phase is the only start.
 */
export const IDLE_TIMEOUT_MS = 3_600_000;

/** A process environment as the libraries take it: only the variables that are set. */
export function envRecord(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
