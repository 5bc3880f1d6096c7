import { loopDelaySuite } from '@tvp/testkit';

// Bun 1.4.5 has monitorEventLoopDelay, recording the delay past its interval as the sampler does.
loopDelaySuite('Bun', true);
