import { MAX_ROUNDS, UsageError } from '@tvp/core';

/** The bench's own command line, and what goes on to every runner. */
export interface BenchArgs {
  /** How many times every runtime runs. */
  rounds: number;
  /** `--help` was asked for: it still reaches the first runner, in `runnerArgs`. */
  help: boolean;
  /** Every argument but `--rounds` and its value, in order and unchanged. */
  runnerArgs: string[];
}

const ROUNDS = /^--rounds(?:=(.*))?$/s;

/** `--rounds K`: a whole number from 1 to MAX_ROUNDS, digits only. */
function parseRounds(raw: string | undefined): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError('--rounds needs a value (see --help)');
  const n = /^[0-9]{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= MAX_ROUNDS))
    throw new UsageError(`--rounds: '${raw}' is not a whole number from 1 to ${MAX_ROUNDS}`);
  return n;
}

/**
 * Split the arguments after `pnpm bench --`: take `--rounds K` (or `--rounds=K`) for the bench,
 * pass everything else through. The runners validate their own flags; the bench only its one.
 */
export function splitArgs(argv: readonly string[]): BenchArgs {
  let rounds: number | undefined;
  const runnerArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const m = ROUNDS.exec(arg);
    if (!m) {
      runnerArgs.push(arg);
      continue;
    }
    if (rounds !== undefined) throw new UsageError('--rounds given twice');
    if (m[1] !== undefined) {
      rounds = parseRounds(m[1]);
    } else {
      rounds = parseRounds(argv[i + 1]);
      i++;
    }
  }
  return { rounds: rounds ?? 1, help: runnerArgs.includes('--help'), runnerArgs };
}
