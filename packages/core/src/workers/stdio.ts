// The worker entry of every process transport that speaks frames on stdin and stdout (Deno.Command
// with piped stdio), bundled into one CommonJS file that Node and Deno both run.
import { serveStdio } from '../engine/worker-channels.ts';

serveStdio();
