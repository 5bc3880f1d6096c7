// The least a Web Worker can be: say ready, leave when asked.
self.addEventListener('message', (e) => e.data.t === 'exit' && (globalThis.Bun ? process.exit(0) : self.close()));
postMessage({ t: 'ready', rssBytes: 0 });
