import { crossRuntimeSuite } from '@tvp/testkit';
import { CLI, NODE_CLI, run, tmp } from './cli.ts';

crossRuntimeSuite({
  runtime: 'bun',
  cli: [process.execPath, CLI],
  nodeCli: NODE_CLI,
  defaultImpls: ['main', 'web-worker', 'bun-spawn'],
  run,
  tmp,
});
