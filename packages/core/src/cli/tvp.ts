#!/usr/bin/env node
import { defaultResultsDir } from '../format/write.ts';
// `pnpm compare -- A B`, `pnpm export -- RUN` and `pnpm summary -- DIR`: the run tools' command line.
import { runTools } from './tools-cli.ts';

const code = await runTools(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.env.TVP_CWD || process.env.INIT_CWD || process.cwd(),
  resultsDir: defaultResultsDir(import.meta.url),
});
process.exitCode = code;
