// The worker file every library pool loads (piscina, tinypool and workerpool's own worker script
// requires it), bundled into one CommonJS file like the raw transports' entries.
export { poolTask } from '../engine/pool-task.ts';
