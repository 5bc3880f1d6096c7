/**
 * Now, in ms since the Unix epoch, on the clock that the hub and every worker share:
 * `performance.timeOrigin + performance.now()`. Threads of one process share their origin's base;
 * each process takes its origin from the system clock as it starts, so across processes the
 * offset error is how well the runtime read the system clock then (measured in hub-run tests).
 */
export const sharedNow = (): number => performance.timeOrigin + performance.now();
