import { SLOW_START_VARS } from '../constants.ts';
import type { WorkerEnv } from '../format/types.ts';

/**
 * The environment a process worker starts with: this process's own, or with the variables that
 * slow every process start removed (`--worker-env clean`). Never changed silently: the choice
 * is in the result file's config.
 */
export function workerProcessEnv(mode: WorkerEnv, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (mode === 'inherit') return env;
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of SLOW_START_VARS) delete out[name];
  return out;
}
