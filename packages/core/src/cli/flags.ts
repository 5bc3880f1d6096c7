import { parseArgs as parseArgv } from 'node:util';
import { UsageError } from '../errors.ts';

/** A flag's kind: a value (`--count 5`, `--count=5`), a list of values (repeatable), or a switch. */
export type FlagKind = 'value' | 'list' | 'switch';

/** Parsed flags: a string per value flag, strings per list flag, `true` per switch given. */
export type Flags = Map<string, string | string[] | true>;

/**
 * Read a command line with node:util's parseArgs (Node, Bun and Deno all have it), with the
 * project's messages and rules: unknown flags, missing values, values on switches, positional
 * arguments and a value flag given twice are each a UsageError naming the flag. `--` tokens, as
 * pnpm and turbo pass them through, are ignored.
 */
export function readFlags(argv: readonly string[], spec: Readonly<Record<string, FlagKind>>): Flags {
  return readCommandLine(argv, spec, false).flags;
}

/** `readFlags` for commands that also take arguments (`tvp compare A B`): the flags and the rest, in order. */
export function readCommandLine(
  argv: readonly string[],
  spec: Readonly<Record<string, FlagKind>>,
  allowPositionals = true,
): { flags: Flags; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, kind]) => [
      name,
      kind === 'switch' ? { type: 'boolean' as const } : { type: 'string' as const, multiple: kind === 'list' },
    ]),
  );
  const args = joinDashValues(
    argv.filter((a) => a !== '--'),
    spec,
  );
  let tokens: ReturnType<typeof parseArgv>['tokens'];
  try {
    ({ tokens } = parseArgv({ args, options, strict: true, allowPositionals, tokens: true }));
  } catch (err) {
    throw new UsageError(translate(err as Error & { code?: string }));
  }
  const flags: Flags = new Map();
  const positionals: string[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const kind = spec[t.name] as FlagKind;
    if (kind === 'switch') {
      flags.set(t.name, true);
    } else if (kind === 'list') {
      const before = (flags.get(t.name) as string[] | undefined) ?? [];
      flags.set(t.name, [...before, t.value ?? '']);
    } else {
      if (flags.has(t.name)) throw new UsageError(`--${t.name} given twice`);
      flags.set(t.name, t.value ?? '');
    }
  }
  return { flags, positionals };
}

/**
 * `--workers -3` as `--workers=-3`: parseArgs calls a value that starts with a dash ambiguous, but
 * a value flag followed by `-3` means that value, to be refused by the flag's own check with a
 * message that names what is accepted. A following `--flag` is still a missing value.
 */
function joinDashValues(args: string[], spec: Readonly<Record<string, FlagKind>>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    const kind = arg.startsWith('--') && !arg.includes('=') ? spec[arg.slice(2)] : undefined;
    if (kind !== undefined && kind !== 'switch' && next?.startsWith('-') && !next.startsWith('--')) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** parseArgs' errors in the words the runners have always used. */
function translate(err: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  const flag = quoted.split(' ')[0] ?? quoted;
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag ${flag} (see --help)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'; flags look like --workers 1,2,4 (see --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(err.message)
        ? `${flag} takes no value`
        : `${flag} needs a value (see --help)`;
    default:
      return err.message;
  }
}
