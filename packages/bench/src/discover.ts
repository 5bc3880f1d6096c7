import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A runner package, as its package.json declares it under `tvp.runner`. */
export interface Runner {
  /** The runtime it measures, as written in its result files: `node`, `bun`, ... */
  runtime: string;
  /** Its place in round 1: lower first. */
  order: number;
  /** The package name, e.g. `@tvp/runner-node`. */
  name: string;
  /** The package folder, where its `sweep` script runs. */
  dir: string;
  /** The body of its `sweep` script: the command that starts its CLI. */
  sweep: string;
}

/** A runner package that cannot be used as declared: names the file and the field. */
export class DiscoveryError extends Error {
  override name = 'DiscoveryError';
}

/** Where runner packages live, relative to the workspace root (pnpm-workspace.yaml lists it). */
const PACKAGES_DIR = 'packages';
const RUNTIME = /^[a-z][a-z0-9-]{0,31}$/;
// The sweep runs as `exec <script> "$@"`, so that a signal sent to its pid reaches the runner
// itself and not a shell that would not pass it on: one command, no shell operators.
const SHELL_OPERATORS = /[;&|<>()`\n]/;

/** The workspace root: the nearest folder at or above `from` holding pnpm-workspace.yaml. */
export function findRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new DiscoveryError(`no pnpm-workspace.yaml in ${from} or above it`);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The runner one package.json declares, or undefined when it declares none. */
export function readRunner(file: string, pkg: unknown): Runner | undefined {
  const fail = (field: string, detail: string): never => {
    throw new DiscoveryError(`${file}: ${field}: ${detail}`);
  };
  if (!isObj(pkg)) return fail('(top level)', 'expected an object');
  if (pkg.tvp === undefined || (isObj(pkg.tvp) && pkg.tvp.runner === undefined)) return undefined;
  if (!isObj(pkg.tvp)) return fail('tvp', 'expected an object');
  const decl = pkg.tvp.runner;
  if (!isObj(decl)) return fail('tvp.runner', 'expected an object like { "runtime": "node", "order": 10 }');
  const { runtime, order } = decl;
  if (typeof runtime !== 'string' || !RUNTIME.test(runtime))
    fail('tvp.runner.runtime', `expected a lowercase name like "node", got ${JSON.stringify(runtime)}`);
  if (typeof order !== 'number' || !Number.isFinite(order))
    fail('tvp.runner.order', `expected a number, got ${JSON.stringify(order)}`);
  const sweep = isObj(pkg.scripts) ? pkg.scripts.sweep : undefined;
  if (typeof sweep !== 'string' || sweep.trim() === '')
    fail('scripts.sweep', 'a runner needs a sweep script that starts its CLI');
  if (SHELL_OPERATORS.test(sweep as string))
    fail('scripts.sweep', `expected one command without shell operators, got ${JSON.stringify(sweep)}`);
  const name = typeof pkg.name === 'string' ? pkg.name : path.basename(path.dirname(file));
  return { runtime: runtime as string, order: order as number, name, dir: path.dirname(file), sweep: sweep as string };
}

/**
 * Every runner of the workspace at `root`: each packages/* whose package.json has `tvp.runner`,
 * sorted by `order` (then runtime, so that equal orders still give one order). Refuses two
 * runners of one runtime, and a workspace without any.
 */
export function discoverRunners(root: string): Runner[] {
  const base = path.join(root, PACKAGES_DIR);
  const runners: Runner[] = [];
  const dirs = existsSync(base) ? readdirSync(base, { withFileTypes: true }).filter((d) => d.isDirectory()) : [];
  for (const d of dirs) {
    const file = path.join(base, d.name, 'package.json');
    if (!existsSync(file)) continue;
    let pkg: unknown;
    try {
      pkg = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new DiscoveryError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    const runner = readRunner(file, pkg);
    if (runner) runners.push(runner);
  }
  if (runners.length === 0) throw new DiscoveryError(`no runner found: no ${base}/*/package.json has tvp.runner`);
  runners.sort((a, b) => a.order - b.order || (a.runtime < b.runtime ? -1 : a.runtime > b.runtime ? 1 : 0));
  const byRuntime = new Map<string, Runner>();
  for (const r of runners) {
    const other = byRuntime.get(r.runtime);
    if (other) throw new DiscoveryError(`two runners for runtime ${r.runtime}: ${other.name} and ${r.name}`);
    byRuntime.set(r.runtime, r);
  }
  return runners;
}
