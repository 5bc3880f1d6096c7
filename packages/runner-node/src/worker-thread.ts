import { serveParentPort } from '@tvp/core/worker';

serveParentPort();
