import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
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

/**
 * The installed version of a package: its package.json, found from its main file upwards (a
 * package whose `exports` leave package.json out, as poolifier's do, cannot be asked for it).
 */
export function installedVersion(name: string): string {
  for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
  }
  throw new Error(`no package.json of ${name} above ${require.resolve(name)}`);
}

/** poolifier's worker scripts: a ThreadWorker and a ClusterWorker around core's `poolTask`. */
export const poolifierScripts = {
  thread: require.resolve('../worker/poolifier-thread.cjs'),
  cluster: require.resolve('../worker/poolifier-cluster.cjs'),
} as const;

/**
 * How long a worker may idle before a library stops it: an hour, far beyond any hub run, so that
 * no worker is stopped or replaced between tasks and the spawn phase is the only start. Kept in
 * worker/idle.cjs, which the worker scripts read too.
 */
export const IDLE_TIMEOUT_MS: number = (require('../worker/idle.cjs') as { IDLE_TIMEOUT_MS: number }).IDLE_TIMEOUT_MS;

/** A process environment as the libraries take it: only the variables that are set. */
export function envRecord(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
