// The least a node:worker_threads worker can be: say ready, leave when asked. The yardstick of the
// worker start benchmark.
const { parentPort } = require('node:worker_threads');

parentPort.on('message', (m) => m.t === 'exit' && parentPort.close());
parentPort.postMessage({ t: 'ready', rssBytes: 0 });
