#!/usr/bin/env node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareRuns, comparisonMarkdown, formatComparison } from '../analysis/run-compare.ts';
import { EXPORT_FORMATS, type ExportFormat, exportRun } from '../analysis/run-export.ts';
import { UsageError } from '../errors.ts';
import { decodeResult } from '../format/codec.ts';
import type { ResultFile } from '../format/types.ts';
import { writeAtomic } from '../format/write.ts';
import { EXIT } from './cli.ts';
import { readCommandLine } from './flags.ts';

export const TOOLS_USAGE = `usage: tvp compare A B [--fail-above PCT] [--format text|md] [--out FILE] [--results DIR]
       tvp export RUN [--format ${EXPORT_FORMATS.join('|')}] [--out FILE] [--results DIR]

A run is a result file, a run id (or its first 8+ characters) in the results folder, or
latest / latest:RUNTIME (the newest run there, of any runtime or of one).

compare   B against A, per cell both ran with the same work (core's comparability; other tasks
          are refused with the reasons): median total times, the change with its 95% exact
          bootstrap interval, and a verdict. Exit 1 when a cell is slower beyond the noise and
          by more than --fail-above percent (default 10), 2 when nothing can be compared.
export    one run's cells and statistics as JSON, CSV, Markdown, Bencher's BMF JSON, or the
          customSmallerIsBetter list of the GitHub benchmark action (github-action-benchmark).

  --results DIR   where run ids are looked up (default: results/ at the repository root)
  --out FILE      write there (atomically) instead of stdout`;

const FLAGS = { 'fail-above': 'value', format: 'value', out: 'value', results: 'value', help: 'switch' } as const;

/** A result file by path, id, id prefix or `latest[:runtime]`. */
export function loadRun(ref: string, resultsDir: string, cwd: string): ResultFile {
  const asPath = path.resolve(cwd, ref);
  if (statSync(asPath, { throwIfNoEntry: false })?.isFile()) return decodeResult(readFileSync(asPath), ref);
  let names: string[];
  try {
    names = readdirSync(resultsDir).filter((f) => f.endsWith('.msgpack'));
  } catch {
    throw new UsageError(`'${ref}' is not a file, and there is no results folder ${resultsDir} to look it up in`);
  }
  const runs = names.flatMap((name) => {
    try {
      return [decodeResult(readFileSync(path.join(resultsDir, name)), name)];
    } catch {
      return []; // a file the report would skip too
    }
  });
  const latest = /^latest(?::(.+))?$/.exec(ref);
  if (latest) {
    const pool = runs.filter((r) => latest[1] === undefined || r.env.runtime === latest[1]);
    const newest = pool.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    if (!newest) throw new UsageError(`no run${latest[1] ? ` of ${latest[1]}` : ''} in ${resultsDir}`);
    return newest;
  }
  if (ref.length < 8) throw new UsageError(`'${ref}' is not a file; a run id needs at least 8 characters`);
  const found = runs.filter((r) => r.id === ref || r.id.startsWith(ref));
  if (found.length === 1) return found[0] as ResultFile;
  throw new UsageError(
    found.length === 0
      ? `no file and no run id '${ref}' in ${resultsDir}`
      : `'${ref}' matches ${found.length} runs: give more of the id`,
  );
}

const describeRun = (r: ResultFile) =>
  `${r.env.runtime} ${r.env.runtimeVersion} on ${r.env.label}, ${r.createdAt} (${r.id.slice(0, 8)})`;

/** `tvp compare` and `tvp export`; returns the exit code. */
export async function runTools(
  argv: readonly string[],
  io: { out(s: string): void; err(s: string): void; cwd: string; resultsDir: string },
): Promise<number> {
  try {
    const { flags, positionals: all } = readCommandLine(argv, FLAGS);
    const [command, ...positionals] = all;
    if (command === undefined || command === 'help' || flags.has('help')) {
      io.out(`${TOOLS_USAGE}\n`);
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
      const raw = (flags.get('fail-above') as string | undefined) ?? '10';
      const failAbove = Number(raw);
      if (!/^\d+(\.\d+)?$/.test(raw) || !(failAbove >= 0 && failAbove <= 1000))
        throw new UsageError(`--fail-above: '${raw}' is not a percentage from 0 to 1000`);
      const format = (flags.get('format') as string | undefined) ?? 'text';
      if (format !== 'text' && format !== 'md') throw new UsageError(`--format: '${format}' is not text or md`);
      const [a, b] = positionals.map((ref) => loadRun(ref, resultsDir, io.cwd)) as [ResultFile, ResultFile];
      const c = compareRuns(a, b, failAbove / 100);
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
    throw new UsageError(`unknown command '${command}': compare or export`);
  } catch (err) {
    if (err instanceof UsageError || (err as Error).name === 'ResultFileError') {
      io.err(`tvp: ${(err as Error).message}\n\n${TOOLS_USAGE}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
