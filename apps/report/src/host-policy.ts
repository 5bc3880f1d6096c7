import { addressName, formatHost, type HostName, type HostPort, HTTP_DEFAULT_PORT, parseHost } from './host.ts';
import { isLoopback } from './loopback.ts';

/** Why a host is not answered: it names no host we know, or a known one on a port not answered for it. */
export type HostRefusal = { reason: 'foreign' } | { reason: 'wrong-port'; ports: number[] };

/**
 * The hosts a report server answers to (DESIGN.md: "only requests addressed to it"): its bound
 * address and the loopback names, both on its bound port, and every name the user allowed, on any
 * port unless the user named one. The port is known only once the socket listens (port 0 picks
 * one), so `listen` calls `bind` then; the guard reads this holder on every request.
 *
 * Never bound (an app driven by `app.request` in tests), it acts as if on HTTP's default port 80,
 * which is what a Host without a port, like app.request's `http://localhost`, means.
 */
export class HostPolicy {
  /** The names the user allowed, parsed. */
  readonly allowed: readonly HostName[];
  #bound: HostPort | undefined;

  /** `allowed`: names as `--allowed-host` takes them (`report.lan`, `report.lan:8443`, `[fd00::5]`). */
  constructor(allowed: readonly string[] = []) {
    this.allowed = allowed.map((text) => {
      const host = parseHost(text);
      if (!host) throw new Error(`allowed host '${text}' is not a host name: expected NAME, NAME:PORT or [IPv6]`);
      return host;
    });
  }

  /** Record the address and the port the server listens on; once, since one app has one socket. */
  bind(address: string, port: number): void {
    if (this.#bound) throw new Error(`this app already listens on ${formatHost(this.#bound)}`);
    this.#bound = { name: addressName(address), port };
  }

  /** The bound address and port; undefined until `bind`. */
  get bound(): HostPort | undefined {
    return this.#bound;
  }

  /** The port a Host must name (80 until bound). */
  get port(): number {
    return this.#bound?.port ?? HTTP_DEFAULT_PORT;
  }

  /** Undefined when a request to `host` is answered, else why not. */
  refusal(host: HostPort): HostRefusal | undefined {
    const named = this.allowed.filter((a) => a.name === host.name);
    if (named.some((a) => a.port === undefined || a.port === host.port)) return;
    // Each of `named` has a port here: one without would have matched any port.
    if (named.length > 0) return { reason: 'wrong-port', ports: named.map((a) => a.port!) };
    if (host.name !== this.#bound?.name && !isLoopback(host.name)) return { reason: 'foreign' };
    return host.port === this.port ? undefined : { reason: 'wrong-port', ports: [this.port] };
  }
}
