export { denoAdapter } from './adapter.ts';
export { denoCommandTransport } from './deno-command.ts';
export { childProcess, denoCommand, webWorker, workerThreads } from './transports.ts';
export { webWorkerTransport } from './web-worker.ts';
