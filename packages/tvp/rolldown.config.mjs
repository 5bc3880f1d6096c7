// The installable package: this package's code and every workspace package it uses (core, the
// runners, the pools glue, the report, the bench's supervisor) bundled into dist/lib/, ES modules,
// with the registry packages it does not bundle (below) left as dependencies. Every file lands in
// dist/lib/, one folder below dist/: core finds its worker entries at ../../dist/workers/ from its
// own module, as it does in its package, and scripts/assemble.mjs puts them there.
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'rolldown';
import pkg from './package.json' with { type: 'json' };

// Chunk names change with their content: without this, every build would leave the last one's
// chunks in dist/lib/, and the tarball would carry them.
rmSync('dist', { recursive: true, force: true });

const registry = Object.keys(pkg.dependencies);
// msgpackr and ml-levenberg-marquardt are bundled (ES modules, a few hundred KiB together), which
// spares every install msgpackr-extract and its install script; msgpackr's optional native part is
// left out, and msgpackr uses its JavaScript decoder (it tries the native one and falls back).
const absent = ['msgpackr-extract'];
const external = (id) =>
  absent.includes(id) ||
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  registry.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
  input: { cli: 'src/cli.ts', index: 'src/index.ts' },
  platform: 'node',
  external,
  // Resolve the runner packages to their sources, not to the type stubs tsconfig.json maps them to.
  tsconfig: false,
  output: {
    dir: 'dist/lib',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: false,
  },
});
