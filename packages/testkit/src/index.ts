export type { KilledRunner } from './killed-runner.ts';
export { cpuMs, killWhileHung } from './killed-runner.ts';
export { loopDelaySuite } from './loop-delay-suite.ts';
export { type PoolSource, poolSuite } from './pool-suite.ts';
export type { ProcSource } from './procs.ts';
export { alive, childPids, until } from './procs.ts';
export type { SuiteOptions, TransportCase } from './transport-suite.ts';
export { transportSuite } from './transport-suite.ts';
