// The least a process worker with an IPC channel can be: say ready, leave when asked.
process.on('message', (m) => m.t === 'exit' && process.disconnect());
process.send({ t: 'ready', rssBytes: 0 });
