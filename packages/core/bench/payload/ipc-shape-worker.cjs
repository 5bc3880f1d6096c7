// The echo end of ipc-shape.mjs: answers each task with the reply shape named in argv[2] (a
// process) or workerData.reply (a thread), the payload sent back as it came, no other work.
const STAMP = 21e12;
const replies = {
  minimal: (m) => ({ id: m.id, value: m.id, payload: m.payload }),
  // Ours as an array (what a process worker sends since the IPC wire, core's answer-wire.ts), ours less
  // its stamps, ours less its tag, and ours with the bytes first.
  array: (m) => [m.id, m.id, STAMP + m.id, STAMP + m.id + 1500, m.payload],
  // The array with stamps as the worker's clock makes them (fractional ms since 1970), and without any.
  'array-clock': (m) => [
    m.id,
    m.id,
    performance.timeOrigin + performance.now(),
    performance.timeOrigin + performance.now(),
    m.payload,
  ],
  bare: (m) => [m.id, m.id, m.payload],
  tagged: (m) => ({ t: 'done', id: m.id, value: m.id, payload: m.payload }),
  stamped: (m) => ({ id: m.id, value: m.id, startedAt: STAMP + m.id, doneAt: STAMP + m.id + 1500, payload: m.payload }),
  'bytes-first': (m) => ({
    payload: m.payload,
    t: 'done',
    id: m.id,
    value: m.id,
    startedAt: STAMP + m.id,
    doneAt: STAMP + m.id + 1500,
  }),
  ours: (m) => ({
    t: 'done',
    id: m.id,
    value: m.id,
    startedAt: STAMP + m.id,
    doneAt: STAMP + m.id + 1500,
    payload: m.payload,
  }),
};
const { parentPort, workerData } = require('node:worker_threads');
const name = parentPort ? workerData.reply : process.argv[2];
const reply = replies[name];
if (!reply) throw new Error(`no reply shape ${name}`);
if (parentPort) {
  parentPort.on('message', (m) => (m.t === 'exit' ? process.exit(0) : parentPort.postMessage(reply(m))));
  parentPort.postMessage({ t: 'ready' });
} else {
  process.on('message', (m) => {
    if (m.t === 'exit') process.disconnect();
    else process.send(reply(m));
  });
  process.send({ t: 'ready' });
}
