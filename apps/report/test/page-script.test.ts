import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { CLIENT_SCRIPT } from '../src/assets.ts';
import { exportedPage } from '../src/page/html.ts';
import { tempDir } from './fixtures.ts';

it("the page script is one classic script (rolldown) holding core's analysis, with nothing of Node in it", async () => {
  const js = await readFile(CLIENT_SCRIPT, 'utf8');
  expect(() => new Function(js)).not.toThrow();
  expect(js).not.toMatch(/\brequire\(|["']node:/);
  expect(js).not.toMatch(/^\s*(import|export)\b/m);
  const map = JSON.parse(await readFile(`${CLIENT_SCRIPT}.map`, 'utf8')) as { sources: string[] };
  for (const file of ['analysis/bootstrap.js', 'analysis/findings.js', 'analysis/comparability.js', 'client/main.ts'])
    expect(
      map.sources.some((s) => s.endsWith(file)),
      file,
    ).toBe(true);
});

it('the server serves the source map beside the script; the export inlines the script without pointing at one', async () => {
  const { app } = createApp({ resultsDir: await tempDir(), log: () => undefined });
  const js = await (await app.request('/assets/app.js')).text();
  expect(js).toMatch(/\/\/# sourceMappingURL=app\.js\.map\s*$/);
  const map = await app.request('/assets/app.js.map');
  expect(map.status).toBe(200);
  expect(((await map.json()) as { version: number }).version).toBe(3);
  const page = exportedPage({ uplotJs: '', uplotCss: '', appJs: js, appMap: '' }, '{}');
  expect(page).not.toMatch(/sourceMappingURL/);
});
