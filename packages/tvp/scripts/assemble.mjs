// The files the bundle loads at run time, copied from the workspace packages that build them into
// the places the bundled code looks for them (paths relative to dist/lib/, as in each package):
// core's worker entries (../../dist/workers), the pool libraries' worker scripts (../worker), CPython's
// sweep (../python) and the report page's script (../web, given to the report by src/paths.ts). No source maps: they would more than double the tarball.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ws = (...p) => path.join(root, '..', '..', ...p);
const dist = (...p) => path.join(root, 'dist', ...p);

function copyDir(from, to, keep) {
  mkdirSync(to, { recursive: true });
  const names = readdirSync(from).filter(keep);
  if (names.length === 0) throw new Error(`assemble: nothing to copy in ${from}: build the workspace first`);
  for (const name of names) copyFileSync(path.join(from, name), path.join(to, name));
}

copyDir(ws('packages', 'core', 'dist', 'workers'), dist('workers'), (n) => /\.(c?js)$/.test(n));
copyDir(ws('packages', 'runner-python', 'python'), dist('python'), (n) => n.endsWith('.py'));
copyDir(ws('apps', 'report', 'dist', 'web'), dist('web'), (n) => n === 'app.js');

// The pool libraries' worker scripts (workerpool's, poolifier's) require core's pool worker by
// package name; here core is not a package.
const from = "require('@tvp/core/workers/pool.cjs')";
mkdirSync(dist('worker'), { recursive: true });
for (const name of readdirSync(ws('packages', 'pools', 'worker')).filter((n) => n.endsWith('.cjs'))) {
  const script = readFileSync(ws('packages', 'pools', 'worker', name), 'utf8');
  if (name !== 'idle.cjs' && !script.includes(from)) throw new Error(`assemble: ${name} no longer contains ${from}`);
  writeFileSync(dist('worker', name), script.replace(from, "require('../workers/pool.cjs')"));
}
