// The Bun runner's source is checked against Bun's types (its own typecheck); the Node-typed
// program of this package sees only the one export it uses.
import type { RuntimeAdapter } from '@tvp/core';

/** Everything core needs from Bun. */
export declare const bunAdapter: RuntimeAdapter;
