import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Dates are written in the reader's locale (lib/partial-date.ts); the tests read them in one, set
// before the test processes start, since Node takes its locale from the environment at start-up.
process.env.LC_ALL = 'en_GB.UTF-8';
process.env.LANG = 'en_GB.UTF-8';

// Unit and component tests: Node, fake-indexeddb, fakeBrowser; DOM tests opt into happy-dom per file.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
  },
});
