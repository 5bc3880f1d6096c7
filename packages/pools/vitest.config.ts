import { defineConfig } from 'vitest/config';

// Tests drive the built JavaScript (dist/): it is what users run, and Node cannot start .ts workers.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } });
