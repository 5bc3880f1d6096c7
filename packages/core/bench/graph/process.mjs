// The process worker entry as it was before bundling: an ES module graph (built core).
import { serveProcessChannel } from '../../dist/engine/worker-channels.js';

serveProcessChannel();
