import { transportSuite } from '@tvp/testkit';
import { childProcess, workerThreads } from '../dist/index.js';

transportSuite({
  runtime: 'Node',
  cases: [
    { transport: workerThreads, exportName: 'workerThreads' },
    { transport: childProcess, exportName: 'childProcess' },
  ],
  moduleUrl: new URL('../dist/index.js', import.meta.url),
});
