import { loopDelaySuite } from '@tvp/testkit';

// Deno 2.9.6 has monitorEventLoopDelay, but it does not measure a stall (see core's loop-delay.ts).
loopDelaySuite('Deno', false);
