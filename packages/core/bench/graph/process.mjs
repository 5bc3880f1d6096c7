// The process worker entry as it was before bundling: an ES module graph (built core).
import { serveProcessChannel } from '../../dist/worker-channels.js';

serveProcessChannel();
