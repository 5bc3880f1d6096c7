import { expect, it } from 'vitest';
import { CLIENT_ENTRY } from '../src/assets.ts';
import { bundleModules } from '../src/bundle.ts';

it("the page script joins core's browser-safe analysis files, once each, into one parsable script", async () => {
  const js = await bundleModules(CLIENT_ENTRY);
  for (const file of ['bootstrap', 'binomial', 'comparability', 'cross-run', 'median-interval', 'stats', 'verdict'])
    expect(js.match(new RegExp(`^// dist/${file}\\.js$`, 'gm')), file).toHaveLength(1);
  expect(js).toMatch(/function ratioInterval\(/);
  expect(js).not.toMatch(/^\s*(import|export)\b/m);
  expect(() => new Function(js)).not.toThrow();
});
