import path from 'node:path';
import { UsageError } from '@tvp/core';
import { DEFAULT_HOST, DEFAULT_PORT } from './constants.ts';

/** What `tvp-report` was asked to do. */
export type ReportCommand =
  | { kind: 'help' }
  | { kind: 'serve'; host: string; port: number; resultsDir: string; token: string | undefined }
  | { kind: 'export'; file: string; resultsDir: string };

/** Where flags come from besides argv. */
export interface ArgsContext {
  env: Record<string, string | undefined>;
  /** The folder relative paths are resolved against (the one pnpm was run from). */
  cwd: string;
  defaultResultsDir: string;
}

/** The command line's help text. */
export const REPORT_USAGE = `usage: tvp-report [--port N] [--host H] [--results DIR] [--export FILE]

  --port N        port to serve on (default ${DEFAULT_PORT}, or PORT)
  --host H        address to bind (default ${DEFAULT_HOST}); any other than loopback needs REPORT_TOKEN
  --results DIR   folder of result files (default: results/ at the repository root)
  --export FILE   write one self-contained HTML report to FILE and exit
  --help          this text

  REPORT_TOKEN    when set, uploads need Authorization: Bearer <token>`;

function parsePort(value: string, from: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`${from} must be a port number 0-65535, got '${value}'`);
  return port;
}

/** Parse flags and environment; every mistake is a UsageError that says which flag and why. */
export function parseReportArgs(argv: readonly string[], ctx: ArgsContext): ReportCommand {
  const flags = new Map<string, string>();
  const takesValue = new Set(['--port', '--host', '--results', '--export']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue; // what pnpm and turbo pass through before the user's flags
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!takesValue.has(name)) throw new UsageError(`unknown argument '${arg}'`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`${name} needs a value`);
    flags.set(name, value);
  }
  const resolve = (p: string) => path.resolve(ctx.cwd, p);
  const resultsDir = flags.has('--results') ? resolve(flags.get('--results')!) : ctx.defaultResultsDir;
  const exportFile = flags.get('--export');
  if (exportFile !== undefined) return { kind: 'export', file: resolve(exportFile), resultsDir };
  const portText = flags.get('--port') ?? ctx.env.PORT;
  const port = portText === undefined ? DEFAULT_PORT : parsePort(portText, flags.has('--port') ? '--port' : 'PORT');
  return {
    kind: 'serve',
    host: flags.get('--host') ?? DEFAULT_HOST,
    port,
    resultsDir,
    token: ctx.env.REPORT_TOKEN || undefined,
  };
}
