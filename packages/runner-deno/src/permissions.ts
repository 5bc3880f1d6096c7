/**
 * What the Deno runner is allowed, and no more (https://docs.deno.com/runtime/fundamentals/security/).
 * The `sweep` script in package.json starts the CLI with exactly these; a test keeps the two equal.
 * - read, write: the result file goes to `--out`, any folder, and /proc/stat gives the CPU share.
 * - env: every variable's name is read, to record those that change what is measured.
 * - run: process workers (fork and Deno.Command start this Deno binary) and `git rev-parse`. Not
 *   scoped: a forked Deno child gets every permission anyway, and the binary's path differs per install.
 * - sys: only the machine facts the result file records.
 * - net: only for `--upload URL`, whose host is known only then.
 */
export const DENO_PERMISSIONS: readonly string[] = [
  '--allow-read',
  '--allow-write',
  '--allow-env',
  '--allow-run',
  '--allow-sys=cpus,loadavg,hostname,osRelease,systemMemoryInfo',
  '--allow-net',
];
