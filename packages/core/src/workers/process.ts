// The worker entry of every process transport with an IPC channel (child_process.fork on any
// runtime, Bun.spawn with `ipc`), bundled into one file.
import { serveProcessChannel } from '../engine/worker-channels.ts';

serveProcessChannel();
