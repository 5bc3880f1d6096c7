import { serveProcessChannel } from '@tvp/core/worker';

serveProcessChannel();
