// The page's script: the client and core's browser-safe analysis in one classic script (an IIFE:
// the exported page opens from disk with no module loader), minified, with its source map.
// uPlot is loaded beside it as its own script (a global), from its package.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: 'src/client/main.ts',
  platform: 'browser',
  tsconfig: 'tsconfig.client.json',
  output: { file: 'dist/web/app.js', format: 'iife', sourcemap: true, minify: true },
});
