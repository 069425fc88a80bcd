// `npm run test:firefox`: the core real-browser cases in Firefox. Without a Firefox it says so in
// one line; that fails the run only where Firefox is required (CI sets CLAIMLIGHT_REQUIRE_FIREFOX).
import { spawnSync } from 'node:child_process';
import { NO_FIREFOX_MESSAGE, findFirefox } from './lib/firefox';

if (!findFirefox()) {
  console.error(NO_FIREFOX_MESSAGE);
  process.exit(process.env.CLAIMLIGHT_REQUIRE_FIREFOX ? 1 : 0);
}
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.firefox.config.ts'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
