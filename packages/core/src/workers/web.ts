// The worker entry of every Web Worker transport (Bun, Deno), bundled into one ES module: reads
// the setup the hub gave at the start (Deno: the worker's name; Bun: its argv).
import { serveWebWorker } from '../engine/web-worker-scope.ts';
import { setupFromArgv, setupFromName } from '../engine/worker-setup.ts';

serveWebWorker('workers/web.js', (scope) => (scope.Deno ? setupFromName(scope.name) : setupFromArgv(process.argv)));
