import { poolSuite } from '@tvp/testkit';
import { offeredPools } from '../dist/index.js';

// Every library pool the Node runner offers, against the conformance suite; a child runner that
// is killed outright finds them through the same export.
poolSuite('node', offeredPools(), {
  moduleUrl: new URL('../dist/index.js', import.meta.url),
  exportName: 'offeredPools',
});
