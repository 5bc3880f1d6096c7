import { transportSuite } from '@tvp/testkit';
import { bunSpawn, childProcess, webWorker, workerThreads } from '../src/index.ts';

transportSuite({
  runtime: 'Bun',
  cases: [
    { transport: webWorker, exportName: 'webWorker' },
    { transport: workerThreads, exportName: 'workerThreads' },
    { transport: bunSpawn, exportName: 'bunSpawn' },
    { transport: childProcess, exportName: 'childProcess' },
  ],
  moduleUrl: new URL('../src/index.ts', import.meta.url),
});
