import { EXIT, UsageError, usageErrorText } from '@tvp/core';
import { createApp } from './app.ts';
import { parseReportArgs, reportUsage } from './args.ts';
import type { Assets } from './assets.ts';
import { exportReport } from './export.ts';
import { isLoopback } from './loopback.ts';
import { listen } from './serve.ts';

/** What the report's command line needs from the program that runs it. */
export interface ReportMainOptions {
  /** The results folder without `--results`. */
  defaultResultsDir: string;
  /** The page's assets, when the built client is not where this package keeps it. */
  assets?: () => Promise<Assets>;
  /** The name errors and the help start with. */
  bin?: string;
  /** How the help names the default results folder. */
  resultsText?: string;
  /** The command that writes a first result file, said when the folder has none. */
  firstRun?: string;
}

/**
 * The report's whole command line: serve the results folder, or `--export FILE`. Returns the exit
 * code, or -1 while it serves (it exits on SIGINT/SIGTERM).
 */
export async function reportMain(argv: readonly string[], opts: ReportMainOptions): Promise<number> {
  const bin = opts.bin ?? 'tvp-report';
  try {
    return await serveOrExport(argv, opts);
  } catch (err) {
    if (err instanceof UsageError) {
      // In the repository the user types `pnpm report`, not the bin's name.
      process.stderr.write(usageErrorText(err.message, opts.bin ? `${bin} --help` : 'pnpm report -- --help', bin));
      return EXIT.usage;
    }
    const e = err as NodeJS.ErrnoException;
    console.error(e.code === 'EADDRINUSE' ? `${bin}: ${e.message}: is a report already running? try --port` : e.stack);
    return EXIT.failed;
  }
}

async function serveOrExport(argv: readonly string[], opts: ReportMainOptions): Promise<number> {
  const cwd = process.env.TVP_CWD || process.env.INIT_CWD || process.cwd();
  const cmd = parseReportArgs(argv, { env: process.env, cwd, defaultResultsDir: opts.defaultResultsDir });
  if (cmd.kind === 'help') {
    console.log(reportUsage(opts.bin, opts.resultsText));
    return EXIT.ok;
  }
  if (cmd.kind === 'export') {
    const out = await exportReport(cmd.resultsDir, cmd.file, undefined, opts.assets);
    console.log(
      `report: wrote ${out.file} (${out.runs} runs, ${out.skipped} skipped, ${Math.round(out.bytes / 1024)} KiB)`,
    );
    return EXIT.ok;
  }
  if (!isLoopback(cmd.host) && !cmd.token) {
    throw new UsageError(`refusing to serve on ${cmd.host} without REPORT_TOKEN: anyone who can reach it could upload`);
  }
  const served = createApp({
    resultsDir: cmd.resultsDir,
    token: cmd.token,
    allowedHosts: cmd.allowedHosts,
    ...(opts.firstRun ? { firstRun: opts.firstRun } : {}),
    ...(opts.assets ? { assets: opts.assets } : {}),
  });
  const server = await listen(served, cmd.host, cmd.port);
  const { store } = served;
  // Read the folder now, so the first page load finds it decoded (and bad files are named at once).
  const first = await store.snapshot();
  console.log(
    `report: ${server.url}  (${first.runs.length} runs in ${cmd.resultsDir}${first.skipped.length ? `, ${first.skipped.length} skipped` : ''}${cmd.token ? '; uploads need the token' : ''})`,
  );
  if (cmd.allowedHosts.length > 0) {
    console.log(`report: also answers to Host ${cmd.allowedHosts.join(', ')} (--allowed-host, REPORT_ALLOWED_HOSTS)`);
  } else if (!isLoopback(cmd.host)) {
    // Other machines address it by a name or an address the server cannot guess: it would refuse them all.
    console.log(
      `report: answers only to Host ${new URL(server.url).host} and loopback names; add --allowed-host NAME for the names other machines use`,
    );
  }
  if (first.runs.length === 0) {
    // Serving an empty folder is right for a server that will receive uploads; say how to fill it.
    const none = first.skipped.length > 0 ? 'no readable result file' : 'no result file';
    console.log(
      `report: ${none} in ${cmd.resultsDir} yet: ${opts.firstRun ?? '`pnpm bench -- --quick`'} writes one there; reload the page once it has`,
    );
  }
  const stop = () => {
    void server.close().then(() => process.exit(EXIT.ok));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
