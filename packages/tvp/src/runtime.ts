import type { Runner } from '@tvp/core';

/** The JavaScript runtimes the package runs on, each with its own adapter. */
export type JsRuntime = 'node' | 'bun' | 'deno';
/** What `tvp run --runtime` takes: the JavaScript runtimes and CPython's reference series. */
export type RuntimeName = JsRuntime | 'cpython';
export const RUNTIMES: readonly RuntimeName[] = ['node', 'bun', 'deno', 'cpython'];

/** The runtime executing this code: Bun and Deno say so by their globals; anything else is Node. */
export function currentRuntime(): JsRuntime {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  if (g.Bun !== undefined) return 'bun';
  if (g.Deno !== undefined) return 'deno';
  return 'node';
}

/**
 * The runner for a runtime. Imported on demand: the Bun and Deno adapters read their runtime's
 * globals when they load, and CPython's runner is only glue around its interpreter.
 */
export async function runnerFor(runtime: RuntimeName): Promise<Runner> {
  switch (runtime) {
    case 'node':
      return (await import('@tvp/runner-node')).nodeAdapter;
    case 'bun':
      return (await import('@tvp/runner-bun')).bunAdapter;
    case 'deno':
      return (await import('@tvp/runner-deno')).denoAdapter;
    case 'cpython':
      return (await import('@tvp/runner-python')).cpythonRunner;
  }
}
