import { EXIT, runTools } from '@tvp/core';
import { defaultResultsDir, packageVersion, RESULTS_FOLDER, workingDir } from './paths.ts';
import { reportCommand } from './report-command.ts';
import { runCommand } from './run-command.ts';

/** `tvp --help`. */
export const TVP_USAGE = `usage: tvp <command> [flags]

Worker threads, child processes or the event loop, and how many workers: measured for your
function on this machine, with a recommendation. Results go to ./tvp-results/ (or --out).

  tvp run [flags]            run the sweep on the runtime that started tvp (node by default;
                             bunx --bun tvp / bun for Bun, deno run -A for Deno);
                             --runtime node,bun,deno,cpython runs each one found on PATH in turn
                             tvp run --help lists every flag
  tvp report [--export FILE] serve the results as a report (or write it as one HTML file)
  tvp compare A B            B against A per cell, with intervals (exit 1 on a regression)
  tvp export RUN             one run as json, csv, md, bmf or github-action-benchmark
  tvp summary [DIR]          Markdown: the recommendation per machine and runtime
  tvp --version              the version

examples:
  npx tvp run --task-module ./src/resize.mjs --quick
  npx tvp run --task-module ./src/resize.mjs --runtime node,bun,deno
  npx tvp compare latest:node latest:bun`;

/** The whole `tvp` command line; returns the exit code (-1 while the report serves). */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${TVP_USAGE}\n`);
      return EXIT.ok;
    case '--version':
    case '-v':
    case 'version':
      process.stdout.write(`${packageVersion()}\n`);
      return EXIT.ok;
    case 'run':
      return runCommand(rest);
    case 'report':
      return reportCommand(rest);
    case 'compare':
    case 'export':
    case 'summary':
      return runTools(argv, {
        out: (s) => process.stdout.write(s),
        err: (s) => process.stderr.write(s),
        cwd: workingDir(),
        resultsDir: defaultResultsDir(),
        resultsText: `./${RESULTS_FOLDER}/`,
        helpCommand: (c) => `tvp ${c} --help`,
      });
    default:
      process.stderr.write(`tvp: unknown command '${command}'\n\n${TVP_USAGE}\n`);
      return EXIT.usage;
  }
}
