import { readdir } from 'node:fs/promises';
import { encodeResult } from '@tvp/core';
import { describe, expect, it } from 'vitest';
import { type AppOptions, createApp } from '../src/app.ts';
import { makeResult, tempDir, twoRuntimes, writeResults } from './fixtures.ts';

const PORT = 8080;

/** An app with results, and its policy bound as `listen` would bind it (unless `bind` is false). */
async function setup(opts: Partial<AppOptions> & { address?: string; bind?: boolean } = {}) {
  const dir = await tempDir();
  await writeResults(dir, twoRuntimes());
  const served = createApp({ resultsDir: dir, log: () => undefined, ...opts });
  if (opts.bind !== false) served.hosts.bind(opts.address ?? '127.0.0.1', PORT);
  return { ...served, dir };
}

const get = (app: ReturnType<typeof createApp>['app'], path: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers });

const upload = (headers: Record<string, string>) => ({
  method: 'POST',
  body: new Uint8Array(encodeResult(makeResult({ runtime: 'node', id: 'posted' }))),
  headers: { 'content-type': 'application/msgpack', ...headers },
});

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe('Host check (DNS rebinding): 421 for a host the server does not answer to', () => {
  it.each(['/', '/api/results', '/api/health', '/assets/app.js', '/no-such-route'])(
    'GET %s with Host evil.example: 421, names the host and how to allow it',
    async (path) => {
      const { app } = await setup({ bind: false });
      const res = await get(app, path, { host: 'evil.example' });
      expect(res.status).toBe(421);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as { error: string; host: string };
      expect(body.host).toBe('evil.example');
      expect(body.error).toMatch(/does not answer to Host 'evil\.example'/);
      expect(body.error).toContain('--allowed-host evil.example');
      expect(body.error).toContain('REPORT_ALLOWED_HOSTS=evil.example');
    },
  );

  it('POST /api/results with a foreign Host: 421 and nothing written (201 before)', async () => {
    const { app, dir } = await setup();
    const before = await readdir(dir);
    const res = await app.request('/api/results', upload({ host: `evil.example:${PORT}` }));
    expect(res.status).toBe(421);
    expect(await readdir(dir)).toEqual(before);
  });

  it.each([
    `127.0.0.1:${PORT}`,
    `localhost:${PORT}`,
    `LocalHost:${PORT}`,
    `127.4.5.6:${PORT}`,
    `[::1]:${PORT}`,
    `[0:0:0:0:0:0:0:1]:${PORT}`,
  ])('bound to 127.0.0.1:8080, Host %s is answered', async (host) => {
    const { app } = await setup();
    expect((await get(app, '/api/health', { host })).status).toBe(200);
  });

  it.each([
    ['evil.example:8080', /does not answer to Host/],
    ['127.0.0.1.evil.example:8080', /does not answer to Host/],
    ['localhost.evil.example:8080', /does not answer to Host/],
    ['localhost.:8080', /is not a host name/], // a trailing dot is another name: refused, not guessed
    ['192.168.1.5:8080', /does not answer to Host/],
    ['127.0.0.1:8081', /names port 8081, but this server answers 127\.0\.0\.1 only on port 8080/],
    ['localhost', /names port 80, but/], // no port means 80
    ['[::1]:80', /names port 80, but this server answers \[::1\] only on port 8080/],
    ['user@127.0.0.1:8080', /is not a host name/],
    ['127.0.0.1:8080/x', /is not a host name/],
    ['', /is not a host name/],
  ])('bound to 127.0.0.1:8080, Host %j: 421', async (host, reason) => {
    const { app } = await setup();
    const res = await get(app, '/api/results', { host });
    expect(res.status).toBe(421);
    expect(await errorOf(res)).toMatch(reason);
  });

  it('a request without a Host header is refused once the app listens', async () => {
    const { app } = await setup();
    const res = await get(app, '/api/health'); // app.request's Request carries no Host header
    expect(res.status).toBe(421);
    expect(await errorOf(res)).toMatch(/no Host header/);
  });

  it('without a socket (tests), the URL stands in for Host, as on port 80: localhost yes, others no', async () => {
    const { app } = await setup({ bind: false });
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('http://127.0.0.1/api/health')).status).toBe(200);
    expect((await app.request('http://evil.example/api/health')).status).toBe(421);
    expect((await app.request('http://localhost:8080/api/health')).status).toBe(421);
  });

  it('--allowed-host names: any port unless one is named; nothing else under them', async () => {
    const { app } = await setup({ allowedHosts: ['Report.LAN', 'box.lan:9000', '[FD00::5]'] });
    for (const host of ['report.lan', 'REPORT.lan:8080', 'report.lan:443', 'box.lan:9000', '[fd00:0::5]:8080']) {
      expect((await get(app, '/api/health', { host })).status, host).toBe(200);
    }
    for (const host of ['box.lan:8080', 'box.lan', 'sub.report.lan', 'report.lan.evil.example', 'fd00::5']) {
      expect((await get(app, '/api/health', { host })).status, host).toBe(421);
    }
    const res = await get(app, '/api/health', { host: 'box.lan:8080' });
    expect(await errorOf(res)).toMatch(/names port 8080, but this server answers box\.lan only on port 9000/);
  });

  it('bound to 0.0.0.0: its own address and loopback names, but not a LAN address the user did not allow', async () => {
    const { app } = await setup({ address: '0.0.0.0', token: 't' });
    expect((await get(app, '/api/health', { host: `0.0.0.0:${PORT}` })).status).toBe(200);
    expect((await get(app, '/api/health', { host: `127.0.0.1:${PORT}` })).status).toBe(200);
    expect((await get(app, '/api/health', { host: `192.168.1.5:${PORT}` })).status).toBe(421);
    const allowed = await setup({ address: '0.0.0.0', token: 't', allowedHosts: ['192.168.1.5'] });
    expect((await get(allowed.app, '/api/health', { host: `192.168.1.5:${PORT}` })).status).toBe(200);
  });

  it('bound to a LAN address: that address on its port, not the machine name', async () => {
    const { app } = await setup({ address: '192.168.1.5', token: 't' });
    expect((await get(app, '/api/health', { host: `192.168.1.5:${PORT}` })).status).toBe(200);
    expect((await get(app, '/api/health', { host: `my-box.local:${PORT}` })).status).toBe(421);
  });

  it('bound to ::1: [::1] with the port', async () => {
    const { app } = await setup({ address: '::1' });
    expect((await get(app, '/api/health', { host: `[::1]:${PORT}` })).status).toBe(200);
  });

  it('one app has one socket: a second bind is an error that names the first', async () => {
    const { hosts } = await setup();
    expect(() => hosts.bind('127.0.0.1', 9090)).toThrow(/already listens on 127\.0\.0\.1:8080/);
  });

  it('an allowed host that is not a host name is an error that names it', () => {
    expect(() => createApp({ resultsDir: '/nowhere', allowedHosts: ['http://x'] })).toThrow(
      /allowed host 'http:\/\/x' is not a host name/,
    );
  });
});

describe('Origin check: 403 for an unsafe request a foreign page sent', () => {
  const HOST = { host: `127.0.0.1:${PORT}` };

  it.each([
    'http://evil.example',
    `http://evil.example:${PORT}`,
    `http://127.0.0.1:${PORT + 1}`,
    `https://localhost`,
    'null',
    'file://',
    'chrome-extension://abc',
  ])('POST with Origin %s: 403, nothing written', async (origin) => {
    const { app, dir } = await setup();
    const before = await readdir(dir);
    const res = await app.request('/api/results', upload({ ...HOST, origin }));
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: string; origin: string };
    expect(body.origin).toBe(origin);
    expect(body.error).toContain(`a page from Origin '${origin}' may not POST`);
    expect(await readdir(dir)).toEqual(before);
  });

  it('a foreign Origin is told how to allow its host; another port of ours is not', async () => {
    const { app } = await setup();
    const foreign = await app.request('/api/results', upload({ ...HOST, origin: 'http://report.lan:3000' }));
    expect(await errorOf(foreign)).toContain('--allowed-host report.lan');
    const neighbour = await app.request('/api/results', upload({ ...HOST, origin: 'http://localhost:3000' }));
    expect(await errorOf(neighbour)).toMatch(/only pages this server serves may$/);
  });

  it.each([
    ['no Origin (curl, a runner --upload)', {}],
    ['the page it serves', { origin: `http://127.0.0.1:${PORT}` }],
    ['a loopback name on its port', { origin: `http://localhost:${PORT}`, 'sec-fetch-site': 'same-site' }],
    ['a same-origin fetch', { origin: `http://127.0.0.1:${PORT}`, 'sec-fetch-site': 'same-origin' }],
  ])('POST from %s: 201', async (_name, headers) => {
    const { app } = await setup();
    const res = await app.request('/api/results', upload({ ...HOST, ...headers }));
    expect(res.status).toBe(201);
  });

  it('an Origin on an allowed host may POST', async () => {
    const { app } = await setup({ allowedHosts: ['report.lan'] });
    const res = await app.request('/api/results', upload({ ...HOST, origin: 'https://report.lan' }));
    expect(res.status).toBe(201);
  });

  it('Sec-Fetch-Site: cross-site on a POST is refused, whatever the Origin says', async () => {
    const { app } = await setup();
    const headers = { ...HOST, origin: `http://127.0.0.1:${PORT}`, 'sec-fetch-site': 'cross-site' };
    const res = await app.request('/api/results', upload(headers));
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatch(/Sec-Fetch-Site: cross-site/);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('%s with a foreign Origin: 403 before any route', async (method) => {
    const { app } = await setup();
    const res = await app.request('/api/results', { method, headers: { ...HOST, origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('a GET with a foreign Origin is answered: reads change nothing, and CORS keeps the body from that page', async () => {
    const { app } = await setup();
    const res = await get(app, '/api/health', {
      ...HOST,
      origin: 'http://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the Host check comes first: a foreign Host with a foreign Origin is 421', async () => {
    const { app } = await setup();
    const res = await app.request('/api/results', upload({ host: 'evil.example', origin: 'http://evil.example' }));
    expect(res.status).toBe(421);
  });
});
