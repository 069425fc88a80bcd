/**
 * Finds Firefox for the Firefox real-browser tests: `FIREFOX_PATH` first, then the usual install
 * paths. Debian's firefox-esr is driven over WebDriver BiDi by puppeteer-core for web pages, and
 * over Marionette (./marionette.ts) for the extension's own pages.
 */
import { accessSync, constants } from 'node:fs';

const CANDIDATES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox/firefox', '/snap/bin/firefox'],
  darwin: ['/Applications/Firefox.app/Contents/MacOS/firefox', '/Applications/Firefox Nightly.app/Contents/MacOS/firefox'],
  win32: [`${process.env.PROGRAMFILES}\\Mozilla Firefox\\firefox.exe`],
};

/** The one line a user reads when no Firefox is found. */
export const NO_FIREFOX_MESSAGE =
  'No Firefox found for the Firefox tests: install it (Debian/Ubuntu: sudo apt-get install firefox-esr) or set FIREFOX_PATH to its executable.';

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The Firefox executable to use, or `null` when none is installed. */
export function findFirefox(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.FIREFOX_PATH) return executable(env.FIREFOX_PATH) ? env.FIREFOX_PATH : null;
  return (CANDIDATES[process.platform] ?? []).find(executable) ?? null;
}
