import path from 'node:path';
import { type FlagKind, readFlags, UsageError } from '@tvp/core';
import { DEFAULT_HOST, DEFAULT_PORT } from './constants.ts';
import { parseHost } from './host.ts';

/** What `tvp-report` was asked to do. */
export type ReportCommand =
  | { kind: 'help' }
  | {
      kind: 'serve';
      host: string;
      port: number;
      resultsDir: string;
      token: string | undefined;
      /** Host names answered besides the bound address and loopback, lowercase. */
      allowedHosts: string[];
    }
  | { kind: 'export'; file: string; resultsDir: string };

/** Where flags come from besides argv. */
export interface ArgsContext {
  env: Record<string, string | undefined>;
  /** The folder relative paths are resolved against (the one pnpm was run from). */
  cwd: string;
  defaultResultsDir: string;
}

/** The command line's help text, for the bin `bin` whose results folder is `resultsText`. */
export const reportUsage = (
  bin = 'tvp-report',
  resultsText = 'results/ at the repository root',
): string => `usage: ${bin} [--port N] [--host H] [--allowed-host NAME]... [--results DIR] [--export FILE]

  --port N              port to serve on (default ${DEFAULT_PORT}, or PORT)
  --host H              address to bind (default ${DEFAULT_HOST}); any other than loopback needs REPORT_TOKEN
  --allowed-host NAME   also answer requests addressed to NAME (any port) or NAME:PORT; repeat it or give
                        a comma list (default: REPORT_ALLOWED_HOSTS). Otherwise the server answers only
                        its bound address and loopback names on its port, so no web page can reach it
                        by DNS rebinding; a bind to 0.0.0.0 needs the names other machines use
  --results DIR         folder of result files (default: ${resultsText})
  --export FILE         write one self-contained HTML report to FILE and exit
  --help                this text

  REPORT_TOKEN          when set, uploads need Authorization: Bearer <token>
  REPORT_ALLOWED_HOSTS  comma list of names, as --allowed-host (the flag wins)`;

/** The command line's help text in this repository. */
export const REPORT_USAGE = reportUsage();

function parsePort(value: string, from: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`${from} must be a port number 0-65535, got '${value}'`);
  return port;
}

/** Every name of comma lists from `from`, validated and lowercase, each once. */
function hostList(values: readonly string[], from: string): string[] {
  const names = new Set<string>();
  for (const value of values) {
    for (const item of value.split(',')) {
      const name = item.trim().toLowerCase();
      if (name === '') throw new UsageError(`${from} has an empty name in '${value}'`);
      if (!parseHost(name)) {
        throw new UsageError(
          `${from}: '${name}' is not a host name: expected NAME, NAME:PORT, an IPv4 address or [IPv6] (no scheme, no path)`,
        );
      }
      names.add(name);
    }
  }
  return [...names];
}

/** Every flag of tvp-report and its kind. */
const FLAGS = {
  port: 'value',
  host: 'value',
  'allowed-host': 'list',
  results: 'value',
  export: 'value',
  help: 'switch',
} as const satisfies Record<string, FlagKind>;

/** Parse flags and environment; every mistake is a UsageError that says which flag and why. */
export function parseReportArgs(argv: readonly string[], ctx: ArgsContext): ReportCommand {
  const flags = readFlags(argv, FLAGS);
  if (flags.has('help')) return { kind: 'help' };
  const value = (name: 'port' | 'host' | 'results' | 'export'): string | undefined => {
    const v = flags.get(name) as string | undefined;
    if (v === '') throw new UsageError(`--${name} needs a value`);
    return v;
  };
  const allowed = (flags.get('allowed-host') as string[] | undefined) ?? [];
  const resolve = (p: string) => path.resolve(ctx.cwd, p);
  const results = value('results');
  const resultsDir = results !== undefined ? resolve(results) : ctx.defaultResultsDir;
  const exportFile = value('export');
  if (exportFile !== undefined) return { kind: 'export', file: resolve(exportFile), resultsDir };
  const portFlag = value('port');
  const portText = portFlag ?? ctx.env.PORT;
  const port = portText === undefined ? DEFAULT_PORT : parsePort(portText, portFlag !== undefined ? '--port' : 'PORT');
  return {
    kind: 'serve',
    host: value('host') ?? DEFAULT_HOST,
    port,
    resultsDir,
    token: ctx.env.REPORT_TOKEN || undefined,
    allowedHosts:
      allowed.length > 0
        ? hostList(allowed, '--allowed-host')
        : hostList(ctx.env.REPORT_ALLOWED_HOSTS ? [ctx.env.REPORT_ALLOWED_HOSTS] : [], 'REPORT_ALLOWED_HOSTS'),
  };
}
