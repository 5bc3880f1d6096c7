import type { Impl, WorkerMode } from '@tvp/core';

/** The runtime name written in result files. */
export const RUNTIME = 'cpython';

/** `threads`: concurrent.futures.ThreadPoolExecutor. */
export const THREAD_IMPL = 'ThreadPoolExecutor';
/** `async`: up to N coroutines in flight on one asyncio loop, Python's "event loop alone". */
export const ASYNC_IMPL = 'asyncio';

/** multiprocessing's start methods, as ProcessPoolExecutor impls take them. */
export type StartMethod = 'fork' | 'spawn' | 'forkserver';

/** The impl of a ProcessPoolExecutor with this start method: the name records the method. */
export const processImpl = (m: StartMethod): Impl => `ProcessPoolExecutor-${m}`;

/**
 * The start methods of this platform, the default first: fork on Linux (Python 3.11's default
 * there), spawn on macOS and Windows (Windows has nothing else).
 * https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods
 */
export function startMethods(platform: NodeJS.Platform = process.platform): StartMethod[] {
  if (platform === 'win32') return ['spawn'];
  if (platform === 'darwin') return ['spawn', 'fork', 'forkserver'];
  return ['fork', 'spawn', 'forkserver'];
}

/** The impls per worker mode, for core's flag parser; the default of each mode first. */
export function pythonImpls(platform: NodeJS.Platform = process.platform): Record<WorkerMode, Impl[]> {
  return { threads: [THREAD_IMPL], processes: startMethods(platform).map(processImpl) };
}
