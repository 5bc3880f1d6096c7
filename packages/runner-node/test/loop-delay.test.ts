import { loopDelaySuite } from '@tvp/testkit';

loopDelaySuite('Node', true);
