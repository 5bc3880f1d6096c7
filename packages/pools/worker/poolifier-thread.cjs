// poolifier's thread worker script: poolifier runs the function its ThreadWorker wraps, so this
// wraps core's bundled pool task (the file piscina and tinypool load directly).
const { ThreadWorker } = require('poolifier');
const { poolTask } = require('@tvp/core/workers/pool.cjs');
const { IDLE_TIMEOUT_MS } = require('./idle.cjs');

// An async function: poolifier awaits only what an AsyncFunction returns; a plain function's
// promise is sent as it is (a clone error on threads, an empty object over IPC).
module.exports = new ThreadWorker(async (task) => poolTask(task), { maxInactiveTime: IDLE_TIMEOUT_MS });
// Alive until the pool terminates it. Left to itself, the thread ends as soon as it has answered
// destroy's kill message; when that exit comes before the pool waits for it (poolifier 5.3.2
// listens for 'exit' only after asking worker.terminate()), destroy never resolves: seen on Node
// here within the first 4 destroys of every try.
setInterval(() => {}, 2 ** 31 - 1);
