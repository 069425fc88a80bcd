import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Checks against ../shared (the fact sheet, real importer inputs, eval sets). A user's clone has
// no ../shared, so these run in CI (`npm run check:shared`), not in `npm test`.
export default defineConfig({
  plugins: [WxtVitest()],
  test: { include: ['tests/shared/**/*.test.ts'] },
});
