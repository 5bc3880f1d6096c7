import { defineConfig } from 'vitest/config';

// Tests drive the built JavaScript (dist/): it is what `pnpm bench` runs.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } });
