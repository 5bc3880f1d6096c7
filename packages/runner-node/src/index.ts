export { nodeAdapter } from './adapter.ts';
export { childProcess, workerThreads } from './transports.ts';
