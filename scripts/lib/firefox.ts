/**
 * Finds Firefox for the Firefox real-browser tests: `FIREFOX_PATH` first, then the usual install
 * paths. Debian's firefox-esr is driven over WebDriver BiDi by puppeteer-core for web pages, and
 * over Marionette (./marionette.ts) for the extension's own pages.
 */
import { resolve } from 'node:path';
import { findExecutable } from './chrome';

const CANDIDATES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox/firefox', '/snap/bin/firefox'],
  darwin: ['/Applications/Firefox.app/Contents/MacOS/firefox', '/Applications/Firefox Nightly.app/Contents/MacOS/firefox'],
  win32: [`${process.env.PROGRAMFILES}\\Mozilla Firefox\\firefox.exe`],
};

/** The one line a user reads when no Firefox is found. */
export const NO_FIREFOX_MESSAGE =
  'No Firefox found for the Firefox tests: install it (Debian/Ubuntu: sudo apt-get install firefox-esr) or set FIREFOX_PATH to its executable.';

/** The Firefox build that `npm run build:firefox` (and `npm run test:browser`) writes. */
export const FIREFOX_BUILD_DIR = resolve('.output/firefox-mv2');

/** The Firefox executable to use, or `null` when none is installed. */
export function findFirefox(): string | null {
  return findExecutable(process.env.FIREFOX_PATH, CANDIDATES[process.platform] ?? []);
}
