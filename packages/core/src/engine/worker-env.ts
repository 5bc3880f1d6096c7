import { SLOW_START_VARS } from '../constants.ts';
import type { WorkerEnv } from '../format/types.ts';
import { reapMark } from './reaper.ts';

/**
 * The environment a process worker starts with: this process's own, or with the variables that
 * slow every process start removed (`--worker-env clean`). Never changed silently: the choice
 * is in the result file's config. With the run's mark when its reaper runs (reaper.ts).
 */
export function workerProcessEnv(mode: WorkerEnv, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const mark = reapMark();
  if (mode === 'inherit' && !mark) return env;
  const out: NodeJS.ProcessEnv = { ...env };
  if (mode === 'clean') for (const name of SLOW_START_VARS) delete out[name];
  // The run's reaper kills every process so marked once the runner has gone (reaper.ts).
  if (mark) out[mark[0]] = mark[1];
  return out;
}
