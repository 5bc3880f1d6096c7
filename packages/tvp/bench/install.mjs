// The package as users get it: the tarball's size, and the time of a clean `npm install` of it
// into an empty project, n times (ROUNDS, default 3), alternating an npm cache that already holds
// the dependencies (warm) with an empty one (cold: every dependency comes from the registry).
// `pnpm --filter threads-vs-processes bench:install` after `pnpm build`. Prints medians with min-max.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.env.ROUNDS ?? 3);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(path.join(os.tmpdir(), 'tvp-install-'));

function run(cmd, args, cwd, env = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function du(dir) {
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    bytes += s.isDirectory() ? du(p) : s.size;
  }
  return bytes;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  run('pnpm', ['pack', '--pack-destination', work], pkgDir);
  const tarball = path.join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz')),
  );
  const unpacked = path.join(work, 'unpacked');
  mkdirSync(unpacked);
  run('tar', ['xzf', tarball, '-C', unpacked], work);
  console.log(
    `tarball ${(statSync(tarball).size / 1024).toFixed(0)} KiB, ${(du(unpacked) / 1024).toFixed(0)} KiB unpacked`,
  );

  const times = { warm: [], cold: [] };
  let installed = 0;
  for (let i = 0; i < rounds; i++) {
    for (const kind of i % 2 ? ['cold', 'warm'] : ['warm', 'cold']) {
      const project = path.join(work, `${kind}-${i}`);
      mkdirSync(project);
      writeFileSync(path.join(project, 'package.json'), '{ "name": "empty", "private": true }\n');
      const env = { ...process.env };
      if (kind === 'cold') env.npm_config_cache = path.join(work, `cache-${i}`);
      const t0 = performance.now();
      run('npm', ['install', '-D', tarball, '--no-audit', '--no-fund'], project, env);
      times[kind].push(performance.now() - t0);
      installed = du(path.join(project, 'node_modules'));
    }
  }
  for (const [kind, ms] of Object.entries(times)) {
    const s = (x) => (x / 1000).toFixed(1);
    console.log(
      `npm install, ${kind} cache: median ${s(median(ms))} s (${s(Math.min(...ms))}-${s(Math.max(...ms))}, n = ${ms.length})`,
    );
  }
  console.log(`node_modules after the install: ${(installed / 1024 / 1024).toFixed(1)} MiB`);
  console.log(
    `(${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
