// The worker entries, each bundled into one file with its source map. CommonJS for the node
// entries: a one-file CommonJS worker starts as fast as a minimal one (TOOLCHAIN.md), where an ES
// module graph costs 35-50% more per start.
import { defineConfig } from 'rolldown';

// The neutral platform (the Web Worker entry, for Bun and Deno) knows no built-in modules, so it
// warned that it could not resolve the `node:` imports a real-IO task loads when it runs. Bun and
// Deno both give Web Workers Node's built-ins: those imports are the runtime's, left as they are.
const NODE_BUILTINS = /^node:/;

const entry = (name, format, ext, platform) => ({
  input: `src/workers/${name}.ts`,
  platform,
  ...(platform === 'neutral' ? { external: [NODE_BUILTINS] } : {}),
  output: { file: `dist/workers/${name}.${ext}`, format, sourcemap: true },
});

export default defineConfig([
  entry('thread', 'cjs', 'cjs', 'node'),
  entry('process', 'cjs', 'cjs', 'node'),
  entry('web', 'esm', 'js', 'neutral'),
  entry('web-bare', 'esm', 'js', 'neutral'),
  entry('stdio', 'cjs', 'cjs', 'node'),
  entry('pool', 'cjs', 'cjs', 'node'),
  // Not a worker: the net task's loopback server, forked by the sweep.
  entry('net-server', 'cjs', 'cjs', 'node'),
]);
