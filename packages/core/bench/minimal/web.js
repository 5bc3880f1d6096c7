// The least a Web Worker can be: say ready, leave when asked. Deno's Worker has no exit event, so
// there the worker says it is leaving (see src/web-exit.ts).
const leave = () => {
  if (globalThis.Bun) process.exit(0);
  if (globalThis.Deno) postMessage({ t: 'exited', code: 0 });
  self.close();
};
self.addEventListener('message', (e) => e.data.t === 'exit' && leave());
postMessage({ t: 'ready', rssBytes: 0 });
