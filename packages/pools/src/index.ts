export { offeredPools } from './offered.ts';
export { type PiscinaAtomics, piscinaPool } from './piscina.ts';
export { poolifierPool } from './poolifier.ts';
export { tinypoolPool } from './tinypool.ts';
export { poolifierScripts, poolWorkerFile, workerpoolScript } from './worker-file.ts';
export { workerpoolPool } from './workerpool.ts';
