// The least a node:worker_threads worker can be: say ready, leave when asked. The yardstick of the
// worker start benchmark. Deno's parentPort has no close(): there process.exit ends the thread.
const { parentPort } = require('node:worker_threads');

const leave = () => (typeof parentPort.close === 'function' ? parentPort.close() : process.exit(0));
parentPort.on('message', (m) => m.t === 'exit' && leave());
parentPort.postMessage({ t: 'ready', rssBytes: 0 });
