// The least a stdio worker that speaks frames can be (the minimal counterpart of Deno.Command's
// worker): frames.cjs on process.stdin and process.stdout, as core's stdio entry uses them, and
// worker.cjs's checksum and answer.
const { encode, decoder } = require('./frames.cjs');
const { serve } = require('./worker.cjs');

process.stdin.on(
  'data',
  decoder((m) => {
    if (serve(m, (r) => process.stdout.write(encode(r))) === 'exit') process.stdin.destroy();
  }),
);
process.stdout.write(encode({ t: 'ready' }));
