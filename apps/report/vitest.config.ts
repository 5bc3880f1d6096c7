import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The browser test starts Chromium on a shared 2-core machine: give it room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
