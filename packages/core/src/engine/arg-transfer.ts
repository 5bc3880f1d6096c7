import type { ArgTransfer } from '../format/types.ts';
import type { TaskFeed } from './payload-feed.ts';

/**
 * `--arg-transfer`: how a task module's binary `arg` (an ArrayBuffer or a typed array) reaches a
 * thread worker. `clone` copies it with each task (the default, what every pool does); `transfer`
 * moves its buffer to the worker and back, one buffer per worker; `shared` copies it once into a
 * SharedArrayBuffer per worker, and each task hands the worker a view of the same type over it.
 */

/**
 * The typed arrays an arg may be, by name (a view is rebuilt by name in the worker). Names, not the
 * constructors: a worker bundle that listed all eleven constructors at its top level made Bun's
 * Web Worker start 1.1-1.15x slower at 8 workers (variants of the bundle side by side, as
 * packages/runner-bun bench:start runs them; the statement itself takes microseconds, the cost
 * shows in the start as a whole).
 */
const VIEW_NAMES = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;
type ViewName = (typeof VIEW_NAMES)[number];
type View = InstanceType<(typeof globalThis)[ViewName]>;
const isViewName = (name: unknown): name is ViewName => (VIEW_NAMES as readonly unknown[]).includes(name);

/** The arg's binary form: its type's name, or undefined when it is neither an ArrayBuffer nor a typed array. */
export function binaryKind(arg: unknown): 'ArrayBuffer' | ViewName | undefined {
  if (arg instanceof ArrayBuffer) return 'ArrayBuffer';
  if (!ArrayBuffer.isView(arg) || arg instanceof DataView) return undefined;
  const name = arg.constructor.name;
  return isViewName(name) ? name : undefined;
}

/** Why `--arg-transfer` cannot take this arg, or undefined when it can. */
export function argTransferProblem(arg: unknown, how: ArgTransfer): string | undefined {
  if (how === 'clone') return undefined;
  const kind = binaryKind(arg);
  if (kind === undefined) {
    const got = arg === null ? 'null' : Array.isArray(arg) ? 'an array' : typeof arg;
    return `--arg-transfer ${how} needs the module's arg to be an ArrayBuffer or a typed array (e.g. Uint8Array), got ${got}; use --arg-transfer clone`;
  }
  if (kind !== 'ArrayBuffer' && (arg as View).byteLength !== (arg as View).buffer.byteLength) {
    return `--arg-transfer ${how} moves or shares a whole buffer: the arg is a ${kind} over part of one (${(arg as View).byteLength} of ${(arg as View).buffer.byteLength} bytes); pass a view of its own buffer`;
  }
  return undefined;
}

/** The bytes of a binary arg, copied: each worker gets its own. */
const copyOf = (arg: ArrayBuffer | View): ArrayBuffer | View =>
  arg instanceof ArrayBuffer ? arg.slice(0) : (arg.slice() as View);

/** The hub's side: per worker its own buffer (transfer) or SharedArrayBuffer (shared), made before the run. */
export class ArgFeed implements TaskFeed {
  readonly #how: 'transfer' | 'shared';
  readonly #kind: 'ArrayBuffer' | ViewName;
  readonly #own: (ArrayBuffer | View | SharedArrayBuffer | undefined)[] = [];

  constructor(arg: unknown, how: 'transfer' | 'shared', workers: number) {
    const problem = argTransferProblem(arg, how);
    if (problem) throw new TypeError(problem);
    this.#how = how;
    this.#kind = binaryKind(arg) as 'ArrayBuffer' | ViewName;
    const bin = arg as ArrayBuffer | View;
    for (let i = 0; i < workers; i++) {
      if (how === 'transfer') this.#own.push(copyOf(bin));
      else {
        const src = new Uint8Array(bin instanceof ArrayBuffer ? bin : bin.buffer);
        const sab = new SharedArrayBuffer(src.byteLength);
        new Uint8Array(sab).set(src);
        this.#own.push(sab);
      }
    }
  }

  next(slot: number): { fields: Record<string, unknown>; transfer?: ArrayBuffer[] } {
    const own = this.#own[slot];
    if (own === undefined) throw new Error(`--arg-transfer: worker ${slot + 1} has not given its arg back`);
    const fields = { arg: own, argWay: this.#how, argType: this.#kind };
    if (this.#how === 'shared') return { fields };
    this.#own[slot] = undefined;
    const buffer = own instanceof ArrayBuffer ? own : (own as View).buffer;
    return { fields, transfer: [buffer as ArrayBuffer] };
  }

  received(slot: number, _id: number, back: unknown): string | undefined {
    if (this.#how === 'shared') return undefined;
    if (binaryKind(back) !== this.#kind) return `its arg did not come back (got ${binaryKind(back) ?? typeof back})`;
    this.#own[slot] = back as ArrayBuffer | View;
    return undefined;
  }
}

/**
 * The worker's side: the arg the function is called with (a view of its type over a shared
 * buffer), and what goes back after it (a transferred arg returns, moved again).
 */
export function receiveArg(msg: { arg?: unknown; argWay?: 'transfer' | 'shared'; argType?: string }): {
  arg: unknown;
  back?: unknown;
  transfer?: ArrayBuffer[];
} {
  if (msg.argWay === 'shared') {
    if (!(msg.arg instanceof SharedArrayBuffer)) throw new TypeError('--arg-transfer shared: the arg is not shared');
    const View = isViewName(msg.argType)
      ? (globalThis[msg.argType] as unknown as new (
          b: SharedArrayBuffer,
        ) => View)
      : undefined;
    return { arg: View ? new View(msg.arg) : msg.arg };
  }
  if (msg.argWay === 'transfer') {
    const a = msg.arg as ArrayBuffer | View;
    return { arg: a, back: a, transfer: [(a instanceof ArrayBuffer ? a : a.buffer) as ArrayBuffer] };
  }
  return { arg: msg.arg };
}
