import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// `import { a, b } from './x.js';` as tsc emits it (it may span lines). Type-only imports are gone.
// Besides relative modules, one file of core's browser-safe analysis: `from '@tvp/core/stats'`,
// resolved through core's package exports (DESIGN.md: the analysis also loads in a browser).
const IMPORT = /^import\s+\{[^}]*\}\s+from\s+'(\.{1,2}\/[^']+\.js|@tvp\/core\/[a-z-]+)';[ \t]*\r?\n?/gm;
const EXPORT_DECL = /^export\s+(?=(?:async\s+)?function\b|const\b|let\b|class\b)/gm;
const EMPTY_EXPORT = /^export\s*\{\s*\};?[ \t]*\r?\n?/gm;

/**
 * Join the page's compiled ES modules into one classic script, dependencies first, inside one
 * function scope: the served page and the exported file run the same code, and the export needs
 * no module loader to open from disk. It handles only what the client code uses, named imports of
 * relative modules and of `@tvp/core/<file>` subpaths (which must import nothing from node:), and
 * `export` on declarations; anything else is an error here, and a name
 * declared in two client modules is a SyntaxError the browser test catches.
 */
export async function bundleModules(entry: string): Promise<string> {
  const order: string[] = [];
  const bodies = new Map<string, string>();
  const visit = async (file: string, trail: string[]): Promise<void> => {
    if (bodies.has(file)) return;
    if (trail.includes(file))
      throw new Error(`client modules import each other in a cycle: ${[...trail, file].join(' -> ')}`);
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (err) {
      throw new Error(
        `page script ${file} is missing: build the report first (pnpm --filter @tvp/report build): ${(err as Error).message}`,
      );
    }
    const deps = [...source.matchAll(IMPORT)].map((m) =>
      m[1]!.startsWith('.') ? path.resolve(path.dirname(file), m[1]!) : createRequire(file).resolve(m[1]!),
    );
    for (const dep of deps) await visit(dep, [...trail, file]);
    const body = source.replace(IMPORT, '').replace(EMPTY_EXPORT, '').replace(EXPORT_DECL, '');
    const left = /^\s*(import|export)\b.*$/m.exec(body);
    if (left) throw new Error(`${file}: cannot join a module that uses '${left[0].trim()}'`);
    bodies.set(file, body);
    order.push(file);
  };
  await visit(path.resolve(entry), []);
  const parts = order.map((f) => `// ${path.basename(path.dirname(f))}/${path.basename(f)}\n${bodies.get(f)}`);
  return `(() => {\n'use strict';\n${parts.join('\n')}\n})();\n`;
}
