import type { Context, MiddlewareHandler } from 'hono';
import { formatHost, HTTP_DEFAULT_PORT, parseHost, parseOrigin } from './host.ts';
import type { HostPolicy } from './host-policy.ts';

// RFC 9110, 9.2.1: the methods that change nothing; every other one needs a request from a page we trust.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const HOW_TO_ALLOW = (name: string) =>
  `if the name is yours, start the report with --allowed-host ${name} (or REPORT_ALLOWED_HOSTS=${name})`;

/**
 * The Host a request was addressed to. A request from a socket always has the header (browsers
 * cannot leave it out); one built in-process by `app.request` has none, and its URL stands in, but
 * only while the app has no socket: a served request without Host is refused.
 */
function hostOf(c: Context, policy: HostPolicy): string | undefined {
  const header = c.req.header('host');
  if (header !== undefined || policy.bound) return header;
  return new URL(c.req.url).host;
}

/** 421 unless the Host is one `policy` answers to; names the host and how to allow it. */
function misdirected(c: Context, policy: HostPolicy): Response | undefined {
  const raw = hostOf(c, policy);
  if (raw === undefined) {
    const error =
      'the request has no Host header (HTTP/1.1 requires one); this server answers only requests addressed to it';
    return c.json({ error, host: null }, 421);
  }
  const host = parseHost(raw);
  if (!host) return c.json({ error: `Host '${raw}' is not a host name`, host: raw }, 421);
  const refusal = policy.refusal({ name: host.name, port: host.port ?? HTTP_DEFAULT_PORT });
  if (refusal === undefined) return;
  const name = formatHost({ name: host.name, port: undefined });
  const error =
    refusal.reason === 'wrong-port'
      ? `Host '${raw}' names port ${host.port ?? HTTP_DEFAULT_PORT}, but this server answers ${name} only on port ${refusal.ports.join(', ')}`
      : `this report server does not answer to Host '${raw}', so that a web page cannot reach it by DNS rebinding; ${HOW_TO_ALLOW(name)}`;
  return c.json({ error, host: raw }, 421);
}

/** 403 for a state-changing request sent by a page on another site. */
function forbidden(c: Context, policy: HostPolicy): Response | undefined {
  const method = c.req.method;
  if (SAFE_METHODS.has(method)) return;
  // Fetch Metadata (https://w3c.github.io/webappsec-fetch-metadata/): set by the browser, not by script.
  if (c.req.header('sec-fetch-site')?.toLowerCase() === 'cross-site') {
    return c.json(
      { error: `a page on another site may not ${method} to this server (Sec-Fetch-Site: cross-site)` },
      403,
    );
  }
  const origin = c.req.header('origin');
  // No Origin: not a browser's cross-origin request (curl, a runner's --upload); the Host check covered it.
  if (origin === undefined) return;
  const from = parseOrigin(origin);
  const refusal = from && policy.refusal(from);
  if (from && refusal === undefined) return;
  // A page on another port of a name we answer is another server's page: nothing to allow there.
  const advice = !from
    ? 'it is not a web origin'
    : refusal?.reason === 'foreign'
      ? HOW_TO_ALLOW(formatHost({ name: from.name, port: undefined }))
      : 'only pages this server serves may';
  const error = `a page from Origin '${origin}' may not ${method} to this server; ${advice}`;
  return c.json({ error, origin }, 403);
}

/**
 * Middleware that runs before every route: a request addressed to a Host the server does not
 * answer to gets 421 Misdirected Request, and an unsafe request (POST…) from a page whose Origin
 * is not such a host, or from another site, gets 403.
 */
export function hostGuard(policy: HostPolicy): MiddlewareHandler {
  return async (c, next) => {
    const refused = misdirected(c, policy) ?? forbidden(c, policy);
    if (refused) return refused;
    await next();
  };
}
