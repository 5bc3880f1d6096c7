export { bunAdapter } from './adapter.ts';
export { bunSpawn, childProcess, webWorker, workerThreads } from './transports.ts';
