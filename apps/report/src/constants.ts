/** The port DESIGN.md names for `pnpm report`. */
export const DEFAULT_PORT = 8080;
/** Loopback unless told otherwise: the results of a machine are not for the whole network. */
export const DEFAULT_HOST = '127.0.0.1';
/** The media type of a result file on the wire (core's uploadResult sends it). */
export const MSGPACK_TYPE = 'application/msgpack';
/** The article's first figure ends at 8 workers; a run with more goes on the extended, log2 figure. */
export const STANDARD_MAX_WORKERS = 8;
