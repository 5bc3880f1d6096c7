#!/usr/bin/env node
import { defaultResultsDir, EXIT, UsageError } from '@tvp/core';
import { createApp } from './app.ts';
import { parseReportArgs, REPORT_USAGE } from './args.ts';
import { exportReport } from './export.ts';
import { isLoopback } from './loopback.ts';
import { listen } from './serve.ts';

async function main(argv: string[]): Promise<number> {
  const cwd = process.env.TVP_CWD || process.env.INIT_CWD || process.cwd();
  const cmd = parseReportArgs(argv, { env: process.env, cwd, defaultResultsDir: defaultResultsDir(import.meta.url) });
  if (cmd.kind === 'help') {
    console.log(REPORT_USAGE);
    return EXIT.ok;
  }
  if (cmd.kind === 'export') {
    const out = await exportReport(cmd.resultsDir, cmd.file);
    console.log(
      `report: wrote ${out.file} (${out.runs} runs, ${out.skipped} skipped, ${Math.round(out.bytes / 1024)} KiB)`,
    );
    return EXIT.ok;
  }
  if (!isLoopback(cmd.host) && !cmd.token) {
    throw new UsageError(`refusing to serve on ${cmd.host} without REPORT_TOKEN: anyone who can reach it could upload`);
  }
  const served = createApp({ resultsDir: cmd.resultsDir, token: cmd.token, allowedHosts: cmd.allowedHosts });
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
  const stop = () => {
    void server.close().then(() => process.exit(EXIT.ok));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`tvp-report: ${err.message}\n\n${REPORT_USAGE}`);
    process.exit(EXIT.usage);
  }
  const e = err as NodeJS.ErrnoException;
  console.error(
    e.code === 'EADDRINUSE' ? `tvp-report: ${e.message}: is a report already running? try --port` : e.stack,
  );
  process.exit(EXIT.failed);
}
