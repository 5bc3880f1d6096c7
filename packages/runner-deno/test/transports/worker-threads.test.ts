// One file per thread transport: on Deno a thread stuck in a busy loop outlives terminate() and
// burns a core until its process ends (see traps.test.ts), so it must not share a process with
// the checks of another transport's CPU use.
import { transportSuite } from '@tvp/testkit';
import { workerThreads } from '../../src/index.ts';
import { SUITE } from './suite.ts';

transportSuite({ ...SUITE, cases: [{ transport: workerThreads, exportName: 'workerThreads' }] });
