import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { uploadResult } from './upload.ts';

const seen: Array<{ url?: string; type?: string; auth?: string; bytes: number }> = [];
let base = '';
const server = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const entry: (typeof seen)[number] = { bytes: Buffer.concat(chunks).length };
    if (req.url) entry.url = req.url;
    if (req.headers['content-type']) entry.type = req.headers['content-type'];
    if (req.headers.authorization) entry.auth = req.headers.authorization;
    seen.push(entry);
    if (req.headers.authorization !== 'Bearer s3cret') {
      res.writeHead(401).end('{"error":"missing or wrong token"}');
      return;
    }
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"abc"}');
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('POSTs the bytes as application/msgpack to /api/results with the bearer token; returns the id', async () => {
  expect(await uploadResult(`${base}/`, new Uint8Array([1, 2, 3]), 's3cret')).toBe('abc');
  expect(seen.at(-1)).toEqual({ url: '/api/results', type: 'application/msgpack', auth: 'Bearer s3cret', bytes: 3 });
});

test('a refusal is an error with the status and the server text', async () => {
  await expect(uploadResult(base, new Uint8Array([1]), undefined)).rejects.toThrow(
    /refused: HTTP 401 .*missing or wrong token/,
  );
});
