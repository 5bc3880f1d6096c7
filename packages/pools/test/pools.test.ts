import { poolSuite } from '@tvp/testkit';
import { offeredPools } from '../dist/index.js';

// Every library pool the Node runner offers, against the conformance suite.
poolSuite('node', offeredPools());
