/** How often a process worker checks that the process that started it is still its parent. */
export const PARENT_CHECK_MS = 200;

/**
 * Leave once this process's parent has gone (it was reparented), whether or not the channel to
 * it reported its close. Deno (2.9.6) does not always report it: a hub killed while a message
 * from the worker lay unread closes the channel with a reset, and Deno's IPC read loop ends on a
 * reset without emitting `disconnect`, so the worker waited on a dead channel (17 minutes seen).
 * The timer is unref'd: it never keeps a worker alive by itself.
 */
export function leaveWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, PARENT_CHECK_MS).unref();
}
