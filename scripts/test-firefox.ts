// `npm run test:firefox`: the core real-browser cases in Firefox. Without a Firefox it says so in
// one line; that fails the run only where Firefox is required (CI sets CLAIMLIGHT_REQUIRE_FIREFOX),
// or where FIREFOX_PATH names one that cannot run: the user asked for that Firefox, and passing
// without its cases would hide the mistyped path.
import { spawnSync } from 'node:child_process';
import { overrideNote } from './lib/chrome';
import { NO_FIREFOX_MESSAGE, findFirefox } from './lib/firefox';

if (!findFirefox()) {
  console.error(NO_FIREFOX_MESSAGE + overrideNote('FIREFOX_PATH'));
  process.exit(process.env.CLAIMLIGHT_REQUIRE_FIREFOX || process.env.FIREFOX_PATH ? 1 : 0);
}
// Built here too (test:browser builds it for the manifest's checks): run on its own, this tested
// whatever Firefox build was left in .output, or failed on none with a missing-file error.
const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('test:firefox: the Firefox build failed (above), so its cases did not run');
  process.exit(build.status ?? 1);
}
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.firefox.config.ts'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
