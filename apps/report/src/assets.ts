import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModules } from './bundle.ts';

/** Everything the page loads besides its data; served by the app, inlined by the export. */
export interface Assets {
  uplotJs: string;
  uplotCss: string;
  /** The page's own script: the compiled client modules joined into one. */
  appJs: string;
}

// src/ (tests) and dist/ (built) are both one level below the package folder.
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where tsc -p tsconfig.client.json puts the page's entry module. */
export const CLIENT_ENTRY = path.join(packageDir, 'dist', 'web', 'client', 'main.js');

let loaded: Promise<Assets> | undefined;

/** Read uPlot (which has no exports map, so through its package.json) and the client, once. */
export function loadAssets(): Promise<Assets> {
  loaded ??= (async () => {
    const uplotDir = path.dirname(createRequire(import.meta.url).resolve('uplot/package.json'));
    const [uplotJs, uplotCss, appJs] = await Promise.all([
      readFile(path.join(uplotDir, 'dist', 'uPlot.iife.min.js'), 'utf8'),
      readFile(path.join(uplotDir, 'dist', 'uPlot.min.css'), 'utf8'),
      bundleModules(CLIENT_ENTRY),
    ]);
    return { uplotJs, uplotCss, appJs };
  })();
  loaded.catch(() => {
    loaded = undefined; // a failed read (client not built yet) is tried again next time
  });
  return loaded;
}
