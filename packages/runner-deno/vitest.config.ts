import { defineConfig } from 'vitest/config';

// Run by Deno (`pnpm test`: the Deno binary runs vitest), so each test file runs in a forked Deno
// process; the tests first check that they do. One file at a time: several start many workers,
// and a stuck Deno thread burns a core until its file's process ends.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000, fileParallelism: false },
});
