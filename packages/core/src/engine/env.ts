import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { RECORDED_VARS } from '../constants.ts';
import type { Env } from '../format/types.ts';

/** The variables that change what a runner measures, as this process sees them. */
export function recordedVars(env: Record<string, string | undefined> = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined) continue;
    if (RECORDED_VARS.includes(name) || name.startsWith('BUN_JSC_') || name.startsWith('UV_')) out[name] = value;
  }
  return out;
}

/** Everything the result file says about the machine, read through node:os (all runtimes have it). */
export function collectEnv(runtime: string, runtimeVersion: string, label: string): Env {
  const cpus = os.cpus();
  return {
    runtime,
    runtimeVersion,
    os: os.platform(),
    arch: os.arch(),
    kernel: os.release(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryBytes: os.totalmem(),
    hostname: os.hostname(),
    label,
    loadavgStart: loadavg(),
    loadavgEnd: [],
    vars: recordedVars(),
  };
}

/**
 * The load average now (1, 5, 15 minutes); none on Windows, where Node reports [0, 0, 0] for
 * "not measured" and the warnings would take that for an idle machine.
 */
export const loadavg = (platform: NodeJS.Platform = process.platform): number[] =>
  platform === 'win32' ? [] : os.loadavg();

/** The commit the code was built from, when run from a git checkout. */
export function gitSha(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}
