import { MAX_ROUNDS, UsageError } from '@tvp/core';

/** The bench's own command line, and what goes on to every runner. */
export interface BenchArgs {
  /** How many times every runtime runs. */
  rounds: number;
  /** `--help` was asked for: it still reaches the first runner, in `runnerArgs`. */
  help: boolean;
  /** `--runtime a,b`: only these runtimes run (a CI job per runtime); undefined runs every one. */
  runtimes?: string[];
  /** Every argument but `--rounds`, `--runtime` and their values, in order and unchanged. */
  runnerArgs: string[];
}

const ROUNDS = /^--rounds(?:=(.*))?$/s;
const RUNTIMES = /^--runtime(?:=(.*))?$/s;
const RUNTIME_LIST = /^[a-z][a-z0-9-]{0,31}(,[a-z][a-z0-9-]{0,31})*$/;

/** `--runtime a,b`: lowercase runtime names, comma-separated. */
function parseRuntimes(raw: string | undefined): string[] {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError('--runtime needs a value (see --help)');
  if (!RUNTIME_LIST.test(raw)) throw new UsageError(`--runtime: '${raw}' is not a list of runtimes like node,bun`);
  return raw.split(',');
}

/** `--rounds K`: a whole number from 1 to MAX_ROUNDS, digits only. */
function parseRounds(raw: string | undefined): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError('--rounds needs a value (see --help)');
  const n = /^[0-9]{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= MAX_ROUNDS))
    throw new UsageError(`--rounds: '${raw}' is not a whole number from 1 to ${MAX_ROUNDS}`);
  return n;
}

/**
 * Split the arguments after `pnpm bench --`: take `--rounds K` and `--runtime LIST` (or with `=`)
 * for the bench, pass everything else through. The runners validate their own flags; the bench
 * only its two.
 */
export function splitArgs(argv: readonly string[]): BenchArgs {
  let rounds: number | undefined;
  let runtimes: string[] | undefined;
  const runnerArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const r = ROUNDS.exec(arg);
    const t = r ? null : RUNTIMES.exec(arg);
    const m = r ?? t;
    if (!m) {
      runnerArgs.push(arg);
      continue;
    }
    const inline = m[1] !== undefined;
    const raw = inline ? m[1] : argv[i + 1];
    if (!inline) i++;
    if (r) {
      if (rounds !== undefined) throw new UsageError('--rounds given twice');
      rounds = parseRounds(raw);
    } else {
      if (runtimes !== undefined) throw new UsageError('--runtime given twice');
      runtimes = parseRuntimes(raw);
    }
  }
  const out: BenchArgs = { rounds: rounds ?? 1, help: runnerArgs.includes('--help'), runnerArgs };
  if (runtimes !== undefined) out.runtimes = runtimes;
  return out;
}

/** The runners `--runtime` selects, in their order; every one without it. Refuses an unknown name. */
export function selectRunners<R extends { runtime: string }>(runners: readonly R[], runtimes?: readonly string[]): R[] {
  if (runtimes === undefined) return [...runners];
  const known = runners.map((r) => r.runtime);
  const unknown = runtimes.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new UsageError(`--runtime: no runner for ${unknown.join(', ')} (runtimes here: ${known.join(', ')})`);
  return runners.filter((r) => runtimes.includes(r.runtime));
}
