import net from 'node:net';
import { encodeResult } from '@tvp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { type Listening, listen } from '../src/serve.ts';
import { makeResult, tempDir } from './fixtures.ts';
import { request } from './http.ts';

/** Bytes written as they are, for what node:http will not send (absolute-form targets, no Host). */
function raw(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

const statusLine = (response: string) => response.split('\r\n')[0];

describe('the Host check on a real socket (port 0, known only after listen)', () => {
  let server: Listening;
  let allowing: Listening;
  beforeAll(async () => {
    server = await listen(createApp({ resultsDir: await tempDir(), log: () => undefined }), '127.0.0.1', 0);
    const lan = { resultsDir: await tempDir(), log: () => undefined, allowedHosts: ['report.lan', 'box.lan:9000'] };
    allowing = await listen(createApp(lan), '127.0.0.1', 0);
  });
  afterAll(async () => {
    await server.close();
    await allowing.close();
  });

  it('Host evil.example (a rebound name): 421 naming it; Host 127.0.0.1:<port>: 200', async () => {
    const evil = await request(server.port, { host: 'evil.example' });
    expect(evil.status).toBe(421);
    expect(JSON.parse(evil.body)).toMatchObject({ host: 'evil.example' });
    expect((await request(server.port, { host: `evil.example:${server.port}`, path: '/' })).status).toBe(421);
    expect((await request(server.port, { host: `127.0.0.1:${server.port}` })).status).toBe(200);
    expect((await request(server.port, { host: `localhost:${server.port}`, path: '/' })).status).toBe(200);
    expect((await request(server.port, { host: `127.0.0.1:${server.port + 1}` })).status).toBe(421);
  });

  it('an upload addressed to a foreign Host is refused, one to ours is stored', async () => {
    const body = new Uint8Array(encodeResult(makeResult({ runtime: 'node', id: 'socket-upload' })));
    const post = (host: string) =>
      request(server.port, {
        host,
        method: 'POST',
        path: '/api/results',
        headers: { 'content-type': 'application/msgpack' },
        body,
      });
    expect((await post('evil.example')).status).toBe(421);
    expect((await post(`127.0.0.1:${server.port}`)).status).toBe(201);
  });

  it('--allowed-host names are answered (any port, or the one named); other names still 421', async () => {
    const port = allowing.port;
    expect((await request(port, { host: 'report.lan' })).status).toBe(200);
    expect((await request(port, { host: `REPORT.LAN:${port}` })).status).toBe(200);
    expect((await request(port, { host: 'box.lan:9000' })).status).toBe(200);
    expect((await request(port, { host: `box.lan:${port}` })).status).toBe(421);
    expect((await request(port, { host: 'evil.example' })).status).toBe(421);
    expect((await request(port, { host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('an absolute-form target does not stand in for Host: the Host header is what a browser sent', async () => {
    const url = `http://127.0.0.1:${server.port}/api/health`;
    const head = `GET ${url} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`;
    expect(statusLine(await raw(server.port, head))).toBe('HTTP/1.1 421 Misdirected Request');
  });

  it('no Host header at all (HTTP/1.0 with an absolute target): 421', async () => {
    const head = `GET http://127.0.0.1:${server.port}/api/health HTTP/1.0\r\n\r\n`;
    const response = await raw(server.port, head);
    expect(statusLine(response)).toMatch(/^HTTP\/1\.[01] 421 /);
    expect(response).toMatch(/no Host header/);
  });
});
