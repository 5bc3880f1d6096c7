import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import type { HostPolicy } from './host-policy.ts';

/** A server that is accepting connections. */
export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface BunServer {
  port: number;
  stop(closeActive?: boolean): void | Promise<void>;
}
interface BunGlobal {
  serve(opts: { fetch: Hono['fetch']; hostname: string; port: number }): BunServer;
}

const urlOf = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/** An app and the host policy its guard reads: what `createApp` returns. */
export interface Servable {
  app: Hono;
  hosts: HostPolicy;
}

/**
 * Serve `app` on Node through @hono/node-server, or through Bun.serve when started by Bun. Tells
 * `hosts` the bound address and port before any request can arrive (port 0 is known only now).
 */
export function listen({ app, hosts }: Servable, host: string, port: number): Promise<Listening> {
  const bun = (globalThis as { Bun?: BunGlobal }).Bun;
  if (bun) {
    // Bun.serve binds synchronously and dispatches requests on a later turn: bound in time.
    const server = bun.serve({ fetch: app.fetch, hostname: host, port });
    hosts.bind(host, server.port);
    return Promise.resolve({ url: urlOf(host, server.port), port: server.port, close: async () => server.stop(true) });
  }
  const server = createAdaptorServer({ fetch: app.fetch });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      hosts.bind(host, actual); // in the 'listening' callback: before any connection is read
      resolve({
        url: urlOf(host, actual),
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
