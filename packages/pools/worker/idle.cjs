// How long a worker may idle before a library stops it (src/worker-file.ts says why), for the
// worker scripts, which run as plain CommonJS.
exports.IDLE_TIMEOUT_MS = 3_600_000;
