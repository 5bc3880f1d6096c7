// The loopback HTTP server of the `net` task, in a process of its own so that it does not compete
// for the hub's event loop. argv: delay ms, body bytes. It says its port over IPC, and leaves when
// that channel closes: its parent exited, or was killed, and it must not outlive the sweep.
import { createServer } from 'node:http';
import { leaveWithParent } from '../engine/parent-watch.ts';

const delayMs = Number(process.argv[2]);
const bytes = Number(process.argv[3]);
if (!process.send || !Number.isSafeInteger(delayMs) || !Number.isSafeInteger(bytes)) {
  throw new Error('net-server.cjs must be forked with an IPC channel and two arguments: delay ms, body bytes');
}
const send = process.send.bind(process);
process.on('disconnect', () => process.exit(0));
// Where the channel's close goes unreported (Deno, closed with its port message unread): parent-watch.ts.
leaveWithParent();
const body = Buffer.alloc(bytes, 0x78);
const answer = (res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes });
  res.end(body);
};
const server = createServer((req, res) => {
  req.resume();
  if (delayMs === 0) answer(res);
  else setTimeout(answer, delayMs, res);
});
// Longer than any gap between two tasks of a worker: its keep-alive connection stays open.
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  // The callback takes a failed send (the parent died while this started): the disconnect handler exits.
  send({ port: typeof address === 'object' && address ? address.port : 0 }, undefined, undefined, () => {});
});
