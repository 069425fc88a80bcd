import { defineConfig } from 'vitest/config';

// The core real-browser cases in Firefox (Debian's firefox-esr: web pages over WebDriver BiDi, the
// extension's own pages over Marionette), one file at a time.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
