// The worker file every library pool loads (piscina, tinypool and workerpool's own worker script
// requires it), bundled into one CommonJS file like the raw transports' entries.
export { poolTask } from '../engine/pool-task.ts';

// A process worker (one with an IPC channel) leaves when its parent has gone, as the raw
// transports' do: on Bun 1.4.5 tinypool's child processes outlived a runner killed with SIGKILL.
if (typeof process.send === 'function') process.on('disconnect', () => process.exit(0));
