// workerpool's worker script: workerpool runs the methods a worker registers, so this registers
// core's bundled pool task (the file piscina and tinypool load directly) under its name.
const workerpool = require('workerpool');
const { poolTask } = require('@tvp/core/workers/pool.cjs');

workerpool.worker({ poolTask });
