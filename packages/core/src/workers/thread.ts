// The worker entry of every node:worker_threads transport (Node, Bun, Deno), bundled into one file.
import { serveParentPort } from '../engine/worker-channels.ts';

serveParentPort();
