import { defineConfig } from 'vitest/config';

// The installed-package test packs, installs with npm and runs several sweeps: minutes, not seconds.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 300_000 } });
