import { describe, expect, it } from 'vitest';
import { reportInChromium } from './browser.ts';
import { twoRuntimes } from './fixtures.ts';

// What a DNS rebinding attack achieves: the browser resolves the attacker's name to this machine.
// Chromium's resolver rule does it without a DNS server.
const REBOUND = 'rebound.example';

describe('DNS rebinding in a real browser (headless Chromium)', () => {
  const report = reportInChromium(twoRuntimes, {
    chromiumArgs: [`--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`],
  });

  it('a page loaded under a rebound name gets 421, and so do its same-origin reads and uploads', async () => {
    const page = await report.browser.newPage();
    const res = await page.goto(`http://${REBOUND}:${report.server.port}/api/results`);
    expect(res?.status()).toBe(421);
    expect(await res?.text()).toContain(`Host '${REBOUND}:${report.server.port}'`);
    // From the attacker's page, the report's URLs are same-origin: without the check, the page could read them.
    const statuses = await page.evaluate(async () => {
      const read = await fetch('/api/results');
      const upload = await fetch('/api/results', {
        method: 'POST',
        body: new Uint8Array([0x80]),
        headers: { 'content-type': 'application/msgpack' },
      });
      return [read.status, upload.status];
    });
    expect(statuses).toEqual([421, 421]);
    await page.close();
  });

  it('the same browser at the bound address reads the results', async () => {
    const page = await report.browser.newPage();
    const res = await page.goto(`${report.server.url}/api/results`);
    expect(res?.status()).toBe(200);
    await page.close();
  });
});
