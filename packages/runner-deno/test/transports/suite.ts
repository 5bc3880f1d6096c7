import type { SuiteOptions } from '@tvp/testkit';

/** What the conformance suite needs to know about Deno, whatever the transport. */
export const SUITE: Omit<SuiteOptions, 'cases'> = {
  runtime: 'Deno',
  moduleUrl: new URL('../../src/index.ts', import.meta.url),
  // The killed runner's script lives in a temporary folder, away from package.json: resolve bare
  // imports from node_modules all the same. It runs with every permission: it starts processes.
  scriptArgs: ['run', '--no-prompt', '-A', '--node-modules-dir=manual'],
  stuckThreadsKeepRunning:
    'Deno 2.9.6: terminate() does not stop a thread in a busy loop (denoland/deno#35657, traps.test.ts)',
};
