import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the page loads besides its data; served by the app, inlined by the export. */
export interface Assets {
  uplotJs: string;
  uplotCss: string;
  /** The page's own script: the client and core's analysis, bundled into one. */
  appJs: string;
  /** Its source map ('' when missing). */
  appMap: string;
}

// src/ (tests) and dist/ (built) are both one level below the package folder.
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The page's script, bundled by rolldown (rolldown.config.mjs), and its source map. */
export const CLIENT_SCRIPT = path.join(packageDir, 'dist', 'web', 'app.js');

const loaded = new Map<string, Promise<Assets>>();

/**
 * Read uPlot (which has no exports map, so through its package.json) and the client, once.
 * `clientScript`: where the page's script is, when this code runs bundled elsewhere.
 */
export function loadAssets(clientScript: string = CLIENT_SCRIPT): Promise<Assets> {
  const cached = loaded.get(clientScript);
  if (cached) return cached;
  const loading = (async () => {
    const uplotDir = path.dirname(createRequire(import.meta.url).resolve('uplot/package.json'));
    const [uplotJs, uplotCss, appJs] = await Promise.all([
      readFile(path.join(uplotDir, 'dist', 'uPlot.iife.min.js'), 'utf8'),
      readFile(path.join(uplotDir, 'dist', 'uPlot.min.css'), 'utf8'),
      readFile(clientScript, 'utf8').catch((err: Error) => {
        throw new Error(
          `the page script ${clientScript} is missing: build the report first (pnpm build): ${err.message}`,
        );
      }),
    ]);
    const appMap = await readFile(`${clientScript}.map`, 'utf8').catch(() => '');
    return { uplotJs, uplotCss, appJs, appMap };
  })();
  loaded.set(clientScript, loading);
  loading.catch(() => {
    loaded.delete(clientScript); // a failed read (client not built yet) is tried again next time
  });
  return loading;
}
