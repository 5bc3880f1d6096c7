import { serveProcessChannel } from '@tvp/core/worker';

// One entry for both process transports: Bun.spawn with `ipc`, and node:child_process.fork.
serveProcessChannel();
