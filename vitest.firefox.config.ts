import { defineConfig } from 'vitest/config';

// The core real-browser cases in Firefox (Debian's firefox-esr over WebDriver BiDi), one file at a time.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
