import { isIPv6 } from 'node:net';

/**
 * A host as a Host header, an Origin or `--allowed-host` names it. `name` is lowercase, and an IPv6
 * address has no brackets and is in canonical form (`::1`), so equal hosts compare equal as strings.
 */
export interface HostName {
  name: string;
  /** Undefined when the text named no port. */
  port: number | undefined;
}

/** A host with the port a request reached: a Host header without one means HTTP's default. */
export interface HostPort {
  name: string;
  port: number;
}

/** What a Host header without a port means (RFC 9110, 4.2.1: http's default port). */
export const HTTP_DEFAULT_PORT = 80;
const HTTPS_DEFAULT_PORT = 443;

// uri-host [":" port] (RFC 9110, 7.2), narrowed to what a browser sends: an IPv6 literal in brackets,
// or dot-separated labels (DNS names and IPv4). No userinfo, path or percent-escapes can slip through.
const HOST_SYNTAX = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_-]+(?:\.[a-z0-9_-]+)*))(?::(\d{1,5}))?$/i;

// The WHATWG URL parser writes an IPv6 address in its one canonical form ([::1], not [0:0:0:0:0:0:0:1]).
const canonicalIPv6 = (address: string) => new URL(`http://[${address}]`).hostname.slice(1, -1);

/** Parse `name[:port]` or `[ipv6][:port]`; undefined when `text` is anything else. */
export function parseHost(text: string): HostName | undefined {
  const m = HOST_SYNTAX.exec(text);
  if (!m) return undefined;
  const [, ipv6, name, portText] = m;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && port > 65535) return undefined;
  if (ipv6 !== undefined) return isIPv6(ipv6) ? { name: canonicalIPv6(ipv6), port } : undefined;
  return { name: name!.toLowerCase(), port };
}

/** An address as `listen` takes it (IPv6 without brackets), in the form `parseHost` gives. */
export function addressName(address: string): string {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  return isIPv6(bare) ? canonicalIPv6(bare) : bare.toLowerCase();
}

/** The host and port of an Origin header (`https://a.example:8443`); undefined for `null` or a non-web origin. */
export function parseOrigin(text: string): HostPort | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
  const host = parseHost(url.host);
  if (!host) return undefined;
  const fallback = url.protocol === 'https:' ? HTTPS_DEFAULT_PORT : HTTP_DEFAULT_PORT;
  return { name: host.name, port: host.port ?? fallback };
}

/** How a host is written in a Host header: IPv6 in brackets, the port when there is one. */
export function formatHost(host: HostName | HostPort): string {
  const name = host.name.includes(':') ? `[${host.name}]` : host.name;
  return host.port === undefined ? name : `${name}:${host.port}`;
}
