export { bunAdapter } from './adapter.ts';
export { bunSpawnTransport } from './bun-spawn.ts';
export { bunSpawn, childProcess, webWorker, workerThreads } from './transports.ts';
export { webWorkerTransport } from './web-worker.ts';
export { type BunWorkerEntry, bunWorkerEntry } from './worker-entries.ts';
