#!/usr/bin/env node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fleetSummary, fleetSummaryMarkdown } from '../analysis/fleet-summary.ts';
import { compareRuns, comparisonMarkdown, formatComparison } from '../analysis/run-compare.ts';
import { EXPORT_FORMATS, type ExportFormat, exportRun } from '../analysis/run-export.ts';
import { UsageError, usageErrorText } from '../errors.ts';
import { decodeResult } from '../format/codec.ts';
import type { ResultFile } from '../format/types.ts';
import { writeAtomic } from '../format/write.ts';
import { EXIT } from './cli.ts';
import { parseFailAbove } from './fail-above.ts';
import { readCommandLine } from './flags.ts';
import { findRun, type ReadRun, readRunFile } from './run-lookup.ts';

/** The tools' help text; `resultsText` names the default results folder. */
export const toolsUsage = (
  resultsText = 'results/ at the repository root',
): string => `usage: tvp compare A B [--fail-above PCT] [--format text|md] [--out FILE] [--results DIR]
       tvp export RUN [--format ${EXPORT_FORMATS.join('|')}] [--out FILE] [--results DIR]
       tvp summary [DIR] [--baseline DIR] [--fail-above PCT] [--out FILE]

A run is a result file, a run id (or its first 8+ characters) in the results folder, or
latest / latest:RUNTIME (the newest run there, of any runtime or of one).

compare   B against A, per cell both ran with the same work (core's comparability; other tasks
          are refused with the reasons): median total times, the change with its 95% exact
          bootstrap interval, and a verdict. Exit 1 when a cell is slower beyond the noise and
          by more than --fail-above percent (5 or 5%; default 10), 2 when nothing can be compared.
export    one run's cells and statistics as JSON, CSV, Markdown, Bencher's BMF JSON, or the
          customSmallerIsBetter list of the GitHub benchmark action (github-action-benchmark).
summary   Markdown for a results folder (DIR, default the results folder): per machine label and
          runtime, the newest run's recommendation per task; with --baseline DIR, that run
          compared (as compare does) with the newest run of the same machine and runtime in DIR.
          Exit 1 when a cell regressed beyond --fail-above (5 or 5%), 2 when DIR holds no readable run.

  --results DIR   where run ids are looked up (default: ${resultsText})
  --out FILE      write there (atomically) instead of stdout`;

/** The tools' help text in this repository. */
export const TOOLS_USAGE = toolsUsage();

const TOOL_COMMANDS = ['compare', 'export', 'summary'];

const FLAGS = {
  'fail-above': 'value',
  baseline: 'value',
  format: 'value',
  out: 'value',
  results: 'value',
  help: 'switch',
} as const;

/** Every readable run in a folder; files the report would skip too are left out. */
export function readRuns(dir: string, what = 'results folder'): ResultFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.msgpack'));
  } catch {
    throw new UsageError(`there is no ${what} ${dir}: no run has written a file there yet`);
  }
  return names.flatMap((name) => {
    try {
      return [decodeResult(readFileSync(path.join(dir, name)), name)];
    } catch {
      return [];
    }
  });
}

/** `--fail-above PCT` as a fraction (default 10%). */
const failAboveOf = (raw = '10'): number => parseFailAbove(raw);

/**
 * A result file by path, id, id prefix or `latest[:runtime]`; an id or `latest` is found from the
 * summaries in `resultsDir`, and only the file it names is decoded (run-lookup.ts).
 */
export function loadRun(ref: string, resultsDir: string, cwd: string, read: ReadRun = readRunFile): ResultFile {
  const asPath = path.resolve(cwd, ref);
  if (statSync(asPath, { throwIfNoEntry: false })?.isFile()) return decodeResult(readFileSync(asPath), ref);
  if (!statSync(resultsDir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(
      `'${ref}' is not a file, and there is no results folder ${resultsDir} to look it up in: no run has written a file there yet`,
    );
  return findRun(ref, resultsDir, read);
}

const describeRun = (r: ResultFile) =>
  `${r.env.runtime} ${r.env.runtimeVersion} on ${r.env.label}, ${r.createdAt} (${r.id.slice(0, 8)})`;

/** `tvp compare`, `tvp export` and `tvp summary`; returns the exit code. */
export async function runTools(
  argv: readonly string[],
  io: {
    out(s: string): void;
    err(s: string): void;
    cwd: string;
    resultsDir: string;
    /** How the help names `resultsDir` (default: results/ at the repository root). */
    resultsText?: string;
    /** How the user types a command's help: `tvp compare --help`; default `pnpm compare -- --help`, as in the repository. */
    helpCommand?: (command: string) => string;
  },
): Promise<number> {
  try {
    const { flags, positionals: all } = readCommandLine(argv, FLAGS);
    const [command, ...positionals] = all;
    if (command === undefined || command === 'help' || flags.has('help')) {
      io.out(`${toolsUsage(io.resultsText)}\n`);
      return EXIT.ok;
    }
    const resultsDir = flags.has('results') ? path.resolve(io.cwd, flags.get('results') as string) : io.resultsDir;
    const outFile = flags.get('out') as string | undefined;
    const emit = async (text: string) => {
      if (outFile === undefined) io.out(text.endsWith('\n') ? text : `${text}\n`);
      else await writeAtomic(path.resolve(io.cwd, outFile), new TextEncoder().encode(text));
    };
    if (command === 'compare') {
      if (positionals.length !== 2) throw new UsageError(`compare needs two runs, A and B; got ${positionals.length}`);
      const failAbove = failAboveOf(flags.get('fail-above') as string | undefined);
      const format = (flags.get('format') as string | undefined) ?? 'text';
      if (format !== 'text' && format !== 'md') throw new UsageError(`--format: '${format}' is not text or md`);
      const [a, b] = positionals.map((ref) => loadRun(ref, resultsDir, io.cwd)) as [ResultFile, ResultFile];
      const c = compareRuns(a, b, failAbove);
      const title = `B ${describeRun(b)} against A ${describeRun(a)}`;
      await emit(format === 'md' ? comparisonMarkdown(c, title) : formatComparison(c, title));
      if (c.changes.length === 0) {
        io.err('tvp compare: no cell could be compared (see above)\n');
        return EXIT.usage;
      }
      return c.changes.some((x) => x.regression) ? EXIT.failed : EXIT.ok;
    }
    if (command === 'export') {
      if (positionals.length !== 1) throw new UsageError(`export needs one run; got ${positionals.length}`);
      const format = (flags.get('format') as string | undefined) ?? 'json';
      if (!EXPORT_FORMATS.includes(format as ExportFormat))
        throw new UsageError(`--format: '${format}' is not one of ${EXPORT_FORMATS.join(', ')}`);
      await emit(exportRun(loadRun(positionals[0] as string, resultsDir, io.cwd), format as ExportFormat));
      return EXIT.ok;
    }
    if (command === 'summary') {
      if (positionals.length > 1) throw new UsageError(`summary takes one results folder; got ${positionals.length}`);
      const dir = positionals[0] === undefined ? resultsDir : path.resolve(io.cwd, positionals[0]);
      const failAbove = failAboveOf(flags.get('fail-above') as string | undefined);
      const runs = readRuns(dir);
      if (runs.length === 0) throw new UsageError(`no readable result file in ${dir}`);
      const baseRaw = flags.get('baseline') as string | undefined;
      const baseline = baseRaw === undefined ? undefined : readRuns(path.resolve(io.cwd, baseRaw), 'baseline folder');
      const s = fleetSummary(runs, baseline, failAbove);
      await emit(fleetSummaryMarkdown(s));
      return s.regressions > 0 ? EXIT.failed : EXIT.ok;
    }
    throw new UsageError(`unknown command '${command}': compare, export or summary`);
  } catch (err) {
    if (err instanceof UsageError) {
      const command = argv.find((a) => TOOL_COMMANDS.includes(a));
      const help = io.helpCommand ?? ((c: string) => `pnpm ${c} -- --help`);
      io.err(usageErrorText(err.message, help(command ?? 'summary'), 'tvp'));
      return EXIT.usage;
    }
    if ((err as Error).name === 'ResultFileError') {
      io.err(`tvp: ${(err as Error).message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
