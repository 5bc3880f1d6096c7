// The minimal Web Worker (packages/core/bench/minimal/web.js) on Deno with one change: it posts
// `ready` with an empty transfer list, as core's entry did before it passed a list only with a
// buffer to move (core's post-message.ts). What that argument alone costs a start: a column of
// `bench:start`, so that a later Deno can be checked for it.
const leave = () => {
  postMessage({ t: 'exited', code: 0 });
  self.close();
};
self.addEventListener('message', (e) => e.data.t === 'exit' && leave());
postMessage({ t: 'ready', rssBytes: 0 }, []);
