// What worker entry files import (`@tvp/core/worker`): the loop, and the node-compatible channels.
export { serveParentPort, serveProcessChannel } from './worker-channels.ts';
export type { WorkerPort } from './worker-loop.ts';
export { InjectedFault, serveWorker } from './worker-loop.ts';
