// The worker entry as it was before bundling: an ES module graph loaded file by file (built core).
import { serveParentPort } from '../../dist/engine/worker-channels.js';

serveParentPort();
