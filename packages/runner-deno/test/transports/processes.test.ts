import { transportSuite } from '@tvp/testkit';
import { childProcess, denoCommand } from '../../src/index.ts';
import { SUITE } from './suite.ts';

transportSuite({
  ...SUITE,
  cases: [
    { transport: childProcess, exportName: 'childProcess' },
    { transport: denoCommand, exportName: 'denoCommand' },
  ],
});
