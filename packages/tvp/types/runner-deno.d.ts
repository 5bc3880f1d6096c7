// The Deno runner's source is checked against Deno's types (its own typecheck); the Node-typed
// program of this package sees only the one export it uses.
import type { RuntimeAdapter } from '@tvp/core';

/** Everything core needs from Deno. */
export declare const denoAdapter: RuntimeAdapter;
