// The stdio worker entry as an ES module graph (built core), against its bundled form.
import { serveStdio } from '../../dist/engine/worker-channels.js';

serveStdio();
