import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A package of a throwaway workspace: its package.json, and files beside it. */
export interface FakePackage {
  json: unknown;
  files?: Record<string, string>;
}

/** A throwaway pnpm workspace with `packages/<dir>` for each entry; returns its root. */
export function makeWorkspace(packages: Record<string, FakePackage>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tvp-bench-'));
  writeFileSync(path.join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  for (const [dir, pkg] of Object.entries(packages)) {
    const at = path.join(root, 'packages', dir);
    mkdirSync(at, { recursive: true });
    writeFileSync(path.join(at, 'package.json'), typeof pkg.json === 'string' ? pkg.json : JSON.stringify(pkg.json));
    for (const [name, text] of Object.entries(pkg.files ?? {})) writeFileSync(path.join(at, name), text);
  }
  return root;
}

/** What a fake runner does: exit with `exit` after `ms`, or `hang` until a signal. */
export interface Plan {
  exit?: number;
  ms?: number;
  hang?: boolean;
  /** How long a hanging runner takes to "write its file" after the first signal. */
  lingerMs?: number;
}

/**
 * A workspace of fake runners, one per runtime in the given order of `order`. Each logs what it
 * saw (arguments, batch variables, PATH, times, signals) to log.jsonl at the root, then follows
 * its plan, read from plan.json at the root.
 */
export function fakeRunners(runtimes: readonly string[], plans: Record<string, Plan> = {}): string {
  const packages: Record<string, FakePackage> = {};
  runtimes.forEach((runtime, i) => {
    packages[`runner-${runtime}`] = {
      json: {
        name: `@fake/runner-${runtime}`,
        scripts: { sweep: `node ../../fake-runner.mjs ${runtime}` },
        tvp: { runner: { runtime, order: (i + 1) * 10 } },
      },
    };
  });
  packages.other = { json: { name: '@fake/other', scripts: { sweep: 'false' } } };
  const root = makeWorkspace(packages);
  writeFileSync(path.join(root, 'plan.json'), JSON.stringify(plans));
  writeFileSync(path.join(root, 'fake-runner.mjs'), FAKE_RUNNER);
  return root;
}

const FAKE_RUNNER = `
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const [runtime, ...args] = process.argv.slice(2);
// fileURLToPath and path.join: a URL's pathname is /C:/... on Windows.
const root = path.dirname(fileURLToPath(import.meta.url));
const plan = JSON.parse(readFileSync(path.join(root, 'plan.json'), 'utf8'))[runtime] ?? {};
const log = (event, extra = {}) =>
  appendFileSync(path.join(root, 'log.jsonl'), JSON.stringify({ runtime, event, pid: process.pid, t: Date.now(), ...extra }) + '\\n');
const e = process.env;
log('start', { args, batch: [e.TVP_BATCH_ID, e.TVP_ROUND, e.TVP_ROUNDS], cwd: e.TVP_CWD, path: e.PATH });
if (plan.hang) {
  let n = 0;
  for (const s of ['SIGINT', 'SIGTERM'])
    process.on(s, () => {
      n++;
      log('signal', { signal: s, n });
      const code = s === 'SIGINT' ? 130 : 143;
      if (n === 1) setTimeout(() => { log('end', { code }); process.exit(code); }, plan.lingerMs ?? 300);
    });
  setInterval(() => {}, 1000);
} else {
  setTimeout(() => { log('end', { code: plan.exit ?? 0 }); process.exit(plan.exit ?? 0); }, plan.ms ?? 20);
}
`;

/** One line of a fake runner's log. */
export interface LogEntry {
  runtime: string;
  event: 'start' | 'signal' | 'end';
  pid: number;
  t: number;
  args?: string[];
  /** TVP_BATCH_ID, TVP_ROUND, TVP_ROUNDS; null when unset. */
  batch?: [string | null, string | null, string | null];
  cwd?: string;
  path?: string;
  signal?: string;
  /** Of a signal: how many it has had. */
  n?: number;
  /** Of an end: its exit code. */
  code?: number;
}

/** The fake runners' log so far. */
export function readLog(root: string): LogEntry[] {
  let text = '';
  try {
    text = readFileSync(path.join(root, 'log.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as LogEntry);
}
