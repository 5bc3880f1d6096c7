import { crossRuntimeSuite } from '@tvp/testkit';
import { DENO_CLI, NODE_CLI, run, tmp } from './cli.ts';

crossRuntimeSuite({
  runtime: 'deno',
  cli: DENO_CLI,
  nodeCli: NODE_CLI,
  defaultImpls: ['main', 'web-worker', 'child_process'],
  run,
  tmp,
});
