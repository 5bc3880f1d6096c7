export { offeredPools } from './offered.ts';
export { type PiscinaAtomics, piscinaPool } from './piscina.ts';
export { tinypoolPool } from './tinypool.ts';
export { poolWorkerFile, workerpoolScript } from './worker-file.ts';
export { workerpoolPool } from './workerpool.ts';
