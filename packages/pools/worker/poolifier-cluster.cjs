// poolifier's cluster worker script (a node:cluster worker process): it wraps core's bundled pool
// task, as the thread worker script does.
const { ClusterWorker } = require('poolifier');
const { poolTask } = require('@tvp/core/workers/pool.cjs');
const { IDLE_TIMEOUT_MS } = require('./idle.cjs');

// An async function: poolifier awaits only what an AsyncFunction returns; a plain function's
// promise is sent as it is (a clone error on threads, an empty object over IPC).
module.exports = new ClusterWorker(async (task) => poolTask(task), { maxInactiveTime: IDLE_TIMEOUT_MS });
