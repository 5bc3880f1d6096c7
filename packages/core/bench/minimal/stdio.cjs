// The least a stdio worker can be: say ready in one frame, leave when stdin has a frame at all
// (the only thing the bench sends after ready is `exit`).
const body = Buffer.from(JSON.stringify({ t: 'ready', rssBytes: 0 }));
const head = Buffer.alloc(4);
head.writeUInt32BE(body.length);
process.stdout.write(Buffer.concat([head, body]));
process.stdin.once('data', () => process.stdin.destroy());
