// The package's .d.ts: tsc's declarations of src/ (dist/types/) import core's types by package
// name, but core is bundled, not installed. Core's own declarations are copied to
// dist/types/core/ and those imports rewritten to point there, so the types need nothing else.
// Relative imports say .js, as in any published .d.ts (the sources say .ts).
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const types = path.join(root, 'dist', 'types');
const coreDist = path.join(root, '..', 'core', 'dist');

cpSync(coreDist, path.join(types, 'core'), {
  recursive: true,
  filter: (src) => statSync(src).isDirectory() || src.endsWith('.d.ts'),
});
// Only index.d.ts's closure is the API; the runner stubs and the CLI's files are not.
rmSync(path.join(types, 'types'), { recursive: true, force: true });

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.d.ts')) yield p;
  }
}
for (const file of files(types)) {
  const ownJs = readFileSync(file, 'utf8').replace(/(from '\.{1,2}\/[^']*)\.ts'/g, "$1.js'");
  if (file.startsWith(path.join(types, 'core'))) {
    writeFileSync(file, ownJs);
    continue;
  }
  const rel = path.relative(path.dirname(file), path.join(types, 'core')).split(path.sep).join('/') || '.';
  const to = rel.startsWith('.') ? rel : `./${rel}`;
  const text = ownJs
    .replaceAll("'@tvp/core/analysis'", `'${to}/analysis/index.js'`)
    .replaceAll("'@tvp/core'", `'${to}/index.js'`);
  if (/['"]@tvp\//.test(text)) throw new Error(`types: ${file} still imports a workspace package`);
  writeFileSync(file, text);
}
