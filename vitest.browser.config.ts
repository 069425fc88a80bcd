import { defineConfig } from 'vitest/config';

// Real-browser tests: Chromium with the built extension, pages on 127.0.0.1. One file at a time,
// since each starts a browser and CI has two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
